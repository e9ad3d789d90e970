// The TypeScript side of docs/commands.md: every Tauri command, its argument names and its
// response type. Change this file and src-tauri/src/boundary.rs together.
import { invoke } from '@tauri-apps/api/core';
import { t } from './i18n.svelte';

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];
export type OfficeLevel = 'national' | 'province' | 'district';
export const OFFICE_LEVELS: readonly OfficeLevel[] = ['national', 'province', 'district'];
export type StepId = '1.1' | '1.2' | '1.3' | '1.4' | '2.1' | '2.2' | '2.3' | '2.4' | '3.1' | '3.2' | '3.3';
export const STEP_IDS: readonly StepId[] = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3'];
export type StepStatus = 'not_started' | 'in_progress' | 'complete';
export type PhaseNumber = 1 | 2 | 3;
export type NoteKind = 'note' | 'decision';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}
export interface UiError {
  code: string;
  message: string;
  record?: string | null;
  fields: FieldError[];
}

export interface Office {
  id: string;
  name: string;
  level: OfficeLevel;
  country: string;
  parentName: string | null;
}
export interface Installation {
  office: Office;
  officerName: string;
  officerRole: string;
  language: Lang;
}
export interface Workspace {
  id: string;
  name: string;
  jurisdiction: string;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
}
export interface AppState {
  installation: Installation | null;
  language: Lang;
  workspaces: Workspace[];
  currentWorkspaceId: string | null;
}
export interface StepSummary {
  step: StepId;
  title: string;
  status: StepStatus;
  readiness: number;
  done: number;
  total: number;
  missing: string[];
}
export interface PhaseSummary {
  phase: PhaseNumber;
  title: string;
  output: string;
  steps: StepSummary[];
}
export interface Home {
  workspace: Workspace;
  phases: PhaseSummary[];
}
export interface ChecklistItem {
  key: string;
  label: string;
  hint: string | null;
  required: boolean;
  ticked: boolean;
  /** The step's records show this item done, ticked or not. */
  shownByRecords: boolean;
  date: string | null;
  note: string;
  by: string | null;
  updatedAt: number | null;
}
export interface Note {
  id: string;
  text: string;
  kind: NoteKind;
  author: string;
  createdAt: number;
}
export interface Guidance {
  purpose: string;
  activities: string[];
  outputs: string[];
}
export interface StepPage {
  phase: PhaseNumber;
  phaseTitle: string;
  summary: StepSummary;
  guidance: Guidance;
  checklist: ChecklistItem[];
  notes: Note[];
  draft: string;
}
export interface BackupResult {
  path: string;
  bytes: number;
}

export interface SetupInput {
  officeName: string;
  level: OfficeLevel;
  country: string;
  parentOffice: string;
  officerName: string;
  officerRole: string;
  language: Lang;
}

// ---- Phase 1 (docs/commands.md, "Phase 1") ----

/** One entry of a reference list; lists carry extra fields (guidance_names, order, stage…). */
export interface CatalogueEntry {
  code: string;
  label: string;
  [extra: string]: unknown;
}
export type CatalogueName =
  | 'agencies'
  | 'stakeholder_groups'
  | 'commodities'
  | 'deposit_types'
  | 'mechanisation_levels'
  | 'organisation_forms'
  | 'seasonality'
  | 'legal_status'
  | 'impact_categories'
  | 'annex_ii_risks'
  | 'capacity_functions'
  | 'supply_chain_node_types'
  | 'partner_types'
  | 'partner_roles'
  | 'political_actor_types'
  | 'formalisation_stances'
  | 'techniques'
  | 'instruments'
  | 'licence_types'
  | 'indicators'
  | 'annex_c_elements'
  | 'deposit_groups'
  | 'scales';
export type Catalogues = Partial<Record<CatalogueName, CatalogueEntry[]>>;

/** Sync metadata every record carries when read back. */
export interface RecordMeta {
  id: string;
  originOffice: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}
/** A record read back: its fields as saved (counts and scales as numbers), plus the metadata. */
export type Saved<F> = F & RecordMeta;

export type Sex = 'female' | 'male' | 'other' | 'unknown';
export const SEXES: readonly Sex[] = ['female', 'male', 'other', 'unknown'];
export type Level3 = 'low' | 'medium' | 'high';
export const LEVELS_3: readonly Level3[] = ['low', 'medium', 'high'];
export type LicenceStatus = 'licensed' | 'unlicensed' | 'unknown';
export const LICENCE_STATUSES: readonly LicenceStatus[] = ['licensed', 'unlicensed', 'unknown'];
export type MandateClarity = 'clear' | 'partial' | 'unclear';
export const MANDATE_CLARITIES: readonly MandateClarity[] = ['clear', 'partial', 'unclear'];
export type AgreementStatus = 'planned' | 'negotiating' | 'signed' | 'ended';
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['planned', 'negotiating', 'signed', 'ended'];

export interface CharterFields {
  mandate: string;
  legalBasis: string;
  leadAgency: string;
  chair: string;
  secretariat: string;
  budgetAmount: number | null;
  budgetCurrency: string;
  adoptedOn: string | null;
}
export interface MemberFields {
  agency: string;
  department: string;
  focalPerson: string;
  level: OfficeLevel | '';
  role: string;
}
export interface MeetingFields {
  heldOn: string | null;
  attendees: string;
  decisions: string;
}
export interface MeetingActionFields {
  meetingId: string;
  description: string;
  owner: string;
  dueOn: string | null;
  done: boolean;
}
export interface ForumCharterFields {
  termsOfReference: string;
  meetingsPerYear: number | null;
  levels: OfficeLevel[];
}
export interface StakeholderFields {
  organisation: string;
  group: string;
  region: string;
  representativeSex: Sex;
  influence: number | null;
  interest: number | null;
  vulnerability: Level3 | '';
  vestedInterests: string;
  armedGroupLinks: string;
  insider: boolean;
  notes: string;
}
export interface Attendance {
  group: string;
  female: number | null;
  male: number | null;
}
export interface ConsultationEventFields {
  heldOn: string | null;
  place: string;
  steps: StepId[];
  attendance: Attendance[];
  issuesRaised: string;
  governmentResponse: string;
}
export interface SiteFields {
  name: string;
  adminUnit: string;
  latitude: number | null;
  longitude: number | null;
  commodity: string;
  depositType: string;
  mechanisation: string;
  organisation: string;
  seasonality: string;
  minersFemale: number | null;
  minersMale: number | null;
  minersUnder18: number | null;
  legalStatus: string;
  productionAmount: number | null;
  productionUnit: string;
  priceUsd: number | null;
  techniques: string[];
  mercuryKgLow: number | null;
  mercuryKgHigh: number | null;
  mercuryMethod: string;
  impacts: string[];
  impactNotes: string;
  source: string;
  confidence: Level3 | '';
}
export interface CapacityCellFields {
  office: string;
  function: string;
  staff: number | null;
  fieldOffices: number | null;
  vehicles: number | null;
  budgetUsd: number | null;
  skills: string;
  dataSystems: string;
  mandateClarity: MandateClarity | '';
  score: number | null;
  gap: string;
  notes: string;
}
export interface SupplyNodeFields {
  name: string;
  nodeType: string;
  location: string;
  licenceStatus: LicenceStatus | '';
  riskFlags: string[];
  notes: string;
}
export interface SupplyFlowFields {
  fromNode: string;
  toNode: string;
  volume: number | null;
  volumeUnit: string;
  price: number | null;
  currency: string;
  preFinance: boolean;
  taxPoint: boolean;
  crossBorder: boolean;
  licenceStatus: LicenceStatus | '';
  /** commodities code; "" = every commodity. */
  commodity: string;
  notes: string;
}
export interface PoliticalActorFields {
  name: string;
  actorType: string;
  interests: string;
  power: number | null;
  rents: string;
  stance: string;
  notes: string;
}
export interface PartnerFields {
  organisation: string;
  partnerType: string;
  programme: string;
  commodity: string;
  geography: string;
  theme: string;
  roles: string[];
  funds: number | null;
  currency: string;
  startOn: string | null;
  endOn: string | null;
  agreementStatus: AgreementStatus | '';
}

/** The Phase 1 kinds save_record and delete_record know, with the fields each takes. */
export interface Phase1RecordKinds {
  task_force_charter: CharterFields;
  task_force_member: MemberFields;
  task_force_meeting: MeetingFields;
  meeting_action: MeetingActionFields;
  forum_charter: ForumCharterFields;
  stakeholder: StakeholderFields;
  consultation_event: ConsultationEventFields;
  site: SiteFields;
  capacity_cell: CapacityCellFields;
  supply_node: SupplyNodeFields;
  supply_flow: SupplyFlowFields;
  political_actor: PoliticalActorFields;
  partner: PartnerFields;
}
export type Phase1Kind = keyof Phase1RecordKinds;

export type Charter = Saved<CharterFields>;
export type Member = Saved<MemberFields>;
export type MeetingAction = Saved<MeetingActionFields>;
export type Meeting = Saved<MeetingFields> & { heldOn: string; actions: MeetingAction[] };
export type ForumCharter = Saved<ForumCharterFields>;
export type Stakeholder = Saved<StakeholderFields> & { influence: number; interest: number };
export type ConsultationEvent = Saved<ConsultationEventFields>;
export type Site = Saved<SiteFields> & { minersFemale: number; minersMale: number; minersUnder18: number };
export type CapacityCell = Saved<CapacityCellFields> & { score: number; staff: number; fieldOffices: number; vehicles: number };
export type SupplyNode = Saved<SupplyNodeFields>;
export type SupplyFlow = Saved<SupplyFlowFields>;
export type PoliticalActor = Saved<PoliticalActorFields> & { power: number };
export type Partner = Saved<PartnerFields>;

export interface TaskForce {
  charter: Charter | null;
  members: Member[];
  meetings: Meeting[];
  /** Codes of the agencies the guidance names that have no member yet. */
  missingAgencies: string[];
}
export interface Forum {
  charter: ForumCharter | null;
  stakeholders: Stakeholder[];
  /** Newest first. */
  events: ConsultationEvent[];
  genderBalance: { female: number; male: number; femaleShare: number | null };
  /** Codes of groups in the register with no attendance at any event. */
  groupsNeverConsulted: string[];
  regularity: { expectedPerYear: number | null; heldLast12Months: number; meetsTerms: boolean | null };
}
export interface Miners {
  female: number;
  male: number;
  under18: number;
  total: number;
}
export interface Breakdown {
  /** Catalogue code; "" for sites where it is not recorded. */
  code: string;
  sites: number;
  miners: Miners;
}
export interface Overview {
  sites: number;
  miners: Miners;
  byCommodity: Breakdown[];
  byDeposit: Breakdown[];
  byMechanisation: Breakdown[];
  mercuryKg: { low: number; high: number; sitesWithEstimate: number };
}
export interface Context {
  overview: Overview;
  capacity: CapacityCell[];
  nodes: SupplyNode[];
  flows: SupplyFlow[];
  actors: PoliticalActor[];
}
/** The site fields list_sites can sort on (anything else sorts by name). */
export type SiteSort =
  | 'name'
  | 'adminUnit'
  | 'commodity'
  | 'depositType'
  | 'mechanisation'
  | 'legalStatus'
  | 'minersFemale'
  | 'minersMale'
  | 'minersUnder18'
  | 'miners'
  | 'mercuryKgHigh'
  | 'updatedAt';
export interface SiteQuery {
  text: string;
  commodity: string;
  depositType: string;
  mechanisation: string;
  legalStatus: string;
  sort: SiteSort;
  descending: boolean;
  offset: number;
  /** At most 500. */
  limit: number;
}
export interface SitePage {
  /** Every site that matches, not only this page. */
  total: number;
  rows: Site[];
}

export type ImportKind = 'site' | 'stakeholder' | 'licence_holder';
export type ImportMapping = Record<string, string | null>;
export interface ImportPreview {
  importId: string;
  kind: ImportKind;
  fileName: string;
  columns: string[];
  mapping: ImportMapping;
  fields: { field: string; required: boolean }[];
  /** Data rows in the file. */
  total: number;
  /** Rows that would be imported. */
  accepted: number;
  rejected: { row: number; reasons: FieldError[] }[];
  /** The first accepted rows (up to 20), as fields. */
  sample: Record<string, unknown>[];
}
export interface ImportResult {
  inserted: number;
  rejected: number;
}

// ---- Phase 2 (docs/commands.md, "Phase 2: the strategy") ----

export type Category = 'unacceptable' | 'poor' | 'good';
export const CATEGORIES: readonly Category[] = ['unacceptable', 'poor', 'good'];
export type IssueScope = 'local' | 'regional' | 'national';
export const ISSUE_SCOPES: readonly IssueScope[] = ['local', 'regional', 'national'];
export type EvidenceKind = 'site' | 'consultation_event' | 'stakeholder' | 'political_actor' | 'supply_node' | 'capacity_cell';
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['site', 'consultation_event', 'stakeholder', 'political_actor', 'supply_node', 'capacity_cell'];
export type CriterionBasis = 'people_affected' | 'unacceptable_severity' | 'economic_value' | 'government_leverage' | 'manual';
export const BUILT_IN_BASES: readonly CriterionBasis[] = ['people_affected', 'unacceptable_severity', 'economic_value', 'government_leverage'];
export type AllocateLand = 'yes' | 'no' | 'undecided';
export const ALLOCATE_LAND: readonly AllocateLand[] = ['yes', 'no', 'undecided'];
export type LandForm = 'asm_zone' | 'reserved_area';
export const LAND_FORMS: readonly LandForm[] = ['asm_zone', 'reserved_area'];
export type ImpactsApproach = 'license_regulate' | 'promote_good_practice' | 'both';
export const IMPACTS_APPROACHES: readonly ImpactsApproach[] = ['license_regulate', 'promote_good_practice', 'both'];
export type MeasureApproach = 'economics' | 'impacts';
export const MEASURE_APPROACHES: readonly MeasureApproach[] = ['economics', 'impacts'];
export type TechniqueAction = 'eliminate' | 'improve' | 'promote';
export const TECHNIQUE_ACTIONS: readonly TechniqueAction[] = ['eliminate', 'improve', 'promote'];
/** The parts of the Phase 2 pages a finding (or the sidebar) can open. */
export type Phase2Section = 'issues' | 'goals' | 'techniques' | 'types' | 'priorities' | 'strategy';
export const PHASE2_SECTIONS: readonly Phase2Section[] = ['issues', 'goals', 'techniques', 'types', 'priorities', 'strategy'];
export type FindingRule =
  | 'type_without_approaches'
  | 'unacceptable_not_eliminated'
  | 'contradictory_measures'
  | 'no_licence_type'
  | 'transboundary_missing'
  | 'land_conflict'
  | 'goal_without_measure'
  | 'sites_unassigned';

export interface EvidenceRef {
  kind: EvidenceKind;
  id: string;
}
export interface VisionFields {
  statement: string;
  adoptedOn: string | null;
}
export interface IssueFields {
  description: string;
  category: string;
  severity: number | null;
  scope: IssueScope | '';
  evidence: EvidenceRef[];
}
export interface GoalFields {
  statement: string;
  issues: string[];
  indicators: string[];
  target: string;
}
export interface TechniqueAssessmentFields {
  technique: string;
  category: Category | '';
  rationale: string;
  source: string;
}
export interface AsmTypeFields {
  name: string;
  commodity: string;
  depositGroup: string;
  mechanisation: string;
  scale: string;
  toFormalise: boolean;
  /** 0–3, or null: taken from the capacity matrix. */
  leverage: number | null;
  justification: string;
}
export interface PriorityCriterionFields {
  basis: CriterionBasis;
  name: string;
  weight: number | null;
}
export interface TypeScoreFields {
  typeId: string;
  criterionId: string;
  score: number | null;
}
export interface TypeStrategyFields {
  typeId: string;
  allocateLand: AllocateLand | '';
  landForm: LandForm | '';
  landNotes: string;
  economicsRationale: string;
  impactsApproach: ImpactsApproach | '';
  impactsRationale: string;
  licenceType: string;
  transboundary: string;
}
export interface MeasureFields {
  typeId: string;
  instrument: string;
  approach: MeasureApproach | '';
  techniques: string[];
  action: TechniqueAction | '';
  goals: string[];
  rationale: string;
}

export interface Phase2RecordKinds {
  vision: VisionFields;
  strategy_issue: IssueFields;
  strategy_goal: GoalFields;
  technique_assessment: TechniqueAssessmentFields;
  asm_type: AsmTypeFields;
  priority_criterion: PriorityCriterionFields;
  type_score: TypeScoreFields;
  type_strategy: TypeStrategyFields;
  strategy_measure: MeasureFields;
}
export type Phase2Kind = keyof Phase2RecordKinds;
export const PHASE2_KINDS: readonly Phase2Kind[] = [
  'vision',
  'strategy_issue',
  'strategy_goal',
  'technique_assessment',
  'asm_type',
  'priority_criterion',
  'type_score',
  'type_strategy',
  'strategy_measure',
];

/** Every kind save_record and delete_record know, with the fields each takes. */
export interface RecordKinds extends Phase1RecordKinds, Phase2RecordKinds, Phase3RecordKinds {}
export type RecordKind = keyof RecordKinds;

export type Vision = Saved<VisionFields>;
export type Issue = Saved<IssueFields> & {
  severity: number;
  /** A label per evidence link (a site's name, an event's date and place…). */
  evidenceLabels: { kind: EvidenceKind; id: string; label: string }[];
};
export type Goal = Saved<GoalFields> & {
  /** How many measures serve the goal. */
  measures: number;
};
export interface TechniqueRow {
  code: string;
  label: string;
  stage: string;
  description: string;
  /** The catalogue's source code (good_practice, minamata_annex_c, oecd_annex_ii, ilo). */
  source: string;
  defaultCategory: Category;
  /** The government's category, else the default. */
  category: Category;
  changed: boolean;
  rationale: string;
  assessmentId: string | null;
  /** The assessment's own source (`source` is the catalogue's). */
  assessmentSource: string;
  sites: number;
  miners: number;
  /** Share of sites, 0–1. */
  prevalence: number;
}
export interface VisionView {
  vision: Vision | null;
  issues: Issue[];
  goals: Goal[];
  /** Every catalogue technique, by stage. */
  techniques: TechniqueRow[];
}

export type AsmType = Saved<AsmTypeFields>;
export interface CodeCount {
  code: string;
  sites: number;
}
export interface TypeProfile extends AsmType {
  rank: number;
  /** 0–100. */
  total: number;
  /** 0–1 per criterion; key = basis, or a manual criterion's id. */
  scores: Record<string, number>;
  sites: number;
  miners: Miners;
  regions: string[];
  techniques: CodeCount[];
  impacts: CodeCount[];
  /** Codes of the unacceptable techniques present (by the government's categories). */
  unacceptable: string[];
  unacceptableSites: number;
  mercuryKg: { low: number; high: number };
  productionValueUsd: number;
  /** 0–3. */
  leverageScore: number;
  leverageFromCapacity: boolean;
  /** 0–5 per manual criterion id. */
  manualScores: Record<string, number>;
  /** The type_score record behind each manual score, by criterion id. */
  manualScoreIds: Record<string, string>;
}
export interface TypeProposal {
  name: string;
  commodity: string;
  depositGroup: string;
  mechanisation: string;
  scale: string;
  sites: number;
  miners: number;
}
export interface Criterion {
  /** null for a built-in criterion not saved yet. */
  id: string | null;
  basis: CriterionBasis;
  /** A built-in's label, or the manual criterion's name. */
  name: string;
  weight: number;
}
export interface TypesView {
  /** In rank order. */
  types: TypeProfile[];
  unassigned: { count: number; sites: { id: string; name: string }[] };
  proposals: TypeProposal[];
  criteria: Criterion[];
  /** Mean capacity score 0–3, or null when nothing is assessed. */
  capacityMean: number | null;
}

export type TypeStrategy = Saved<TypeStrategyFields>;
export type Measure = Saved<MeasureFields>;
export interface TypeStrategyView {
  type: TypeProfile;
  strategy: TypeStrategy | null;
  measures: Measure[];
  /** The techniques present at the type's sites, with the strongest action the measures take. */
  techniques: { code: string; category: Category; sites: number; action: TechniqueAction | null }[];
}
export interface StrategiesView {
  /** In rank order. */
  types: TypeStrategyView[];
}

export interface Finding {
  rule: FindingRule;
  message: string;
  step: StepId;
  section: Phase2Section;
  typeId: string | null;
  goalId: string | null;
}
export interface AnnexCRow {
  code: string;
  label: string;
  covered: boolean;
  detail: string;
}
export interface VersionState {
  number: number;
  locked: boolean;
  signedBy: string | null;
  signedAt: number | null;
  /** Why it was signed with findings open ("" when none were). */
  note: string;
  openFindings: number;
}
export interface SignedVersion {
  number: number;
  signedBy: string;
  signedAt: number | null;
  note: string;
  openFindings: number;
}
export interface FinaliseView {
  findings: Finding[];
  annexC: AnnexCRow[];
  version: VersionState;
  versions: SignedVersion[];
}
export type ChangeKind = 'added' | 'removed' | 'changed';
export interface VersionChange {
  kind: string;
  id: string;
  label: string;
  change: ChangeKind;
  fields: string[];
}
export interface VersionComparison {
  from: number;
  to: number | null;
  changes: VersionChange[];
}


// ---- Phase 3 (docs/commands.md, "Phase 3: implementing (steps 3.1–3.3) and the licence registry") ----

export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'delayed' | 'cancelled';
export const ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'in_progress', 'done', 'delayed', 'cancelled'];
export type ActionWarning = 'no_owner' | 'no_budget' | 'outside_period';
export type CapacityStatus = 'planned' | 'in_progress' | 'done';
export const CAPACITY_STATUSES: readonly CapacityStatus[] = ['planned', 'in_progress', 'done'];
export type ReformStatus = 'proposed' | 'drafted' | 'adopted' | 'in_force';
export const REFORM_STATUSES: readonly ReformStatus[] = ['proposed', 'drafted', 'adopted', 'in_force'];
export type OutreachChannel = 'radio' | 'community_meetings' | 'sms' | 'posters' | 'television' | 'social_media' | 'extension_visits';
export const OUTREACH_CHANNELS: readonly OutreachChannel[] = ['radio', 'community_meetings', 'sms', 'posters', 'television', 'social_media', 'extension_visits'];
export type PilotStatus = 'planned' | 'running' | 'evaluated';
export const PILOT_STATUSES: readonly PilotStatus[] = ['planned', 'running', 'evaluated'];
export type ProgressStatus = 'on_track' | 'delayed' | 'blocked' | 'done';
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['on_track', 'delayed', 'blocked', 'done'];
export type HolderKind = 'individual' | 'cooperative' | 'company';
export const HOLDER_KINDS: readonly HolderKind[] = ['individual', 'cooperative', 'company'];
export type HolderSex = 'female' | 'male' | 'unknown';
export const HOLDER_SEXES: readonly HolderSex[] = ['female', 'male', 'unknown'];
export type HolderStatus = 'applied' | 'granted' | 'suspended' | 'expired' | 'revoked';
export const HOLDER_STATUSES: readonly HolderStatus[] = ['applied', 'granted', 'suspended', 'expired', 'revoked'];

export interface PlanPeriodFields {
  startOn: string | null;
  endOn: string | null;
  /** 3 letters: the plan's main currency. */
  currency: string;
}
/** One budget line of an action; amount and year are null only while being typed. */
export interface BudgetLine {
  amount: number | null;
  currency: string;
  year: number | null;
}
export interface PlanActionFields {
  title: string;
  instrument: string;
  typeIds: string[];
  regions: string[];
  /** A task_force_member id (the responsible department), or "". */
  departmentId: string;
  partnerIds: string[];
  /** A partner id, or "" = the government's own budget. */
  fundingPartnerId: string;
  startOn: string | null;
  endOn: string | null;
  dependsOn: string[];
  budget: BudgetLine[];
  status: ActionStatus | '';
  notes: string;
}
export interface CapacityBuildingFields {
  agency: string;
  skill: string;
  trainees: number | null;
  capacityCellId: string;
  actionId: string;
  startOn: string | null;
  status: CapacityStatus | '';
}
export interface LegalReformFields {
  instrument: string;
  provision: string;
  change: string;
  status: ReformStatus | '';
}
export interface OutreachCampaignFields {
  audience: string;
  channel: OutreachChannel | '';
  language: string;
  message: string;
  actionId: string;
  startOn: string | null;
}
export interface PilotFields {
  siteId: string;
  intervention: string;
  hypothesis: string;
  metrics: string;
  startOn: string | null;
  endOn: string | null;
  status: PilotStatus | '';
}
/** A GeoJSON Polygon or MultiPolygon geometry. */
export interface GeoJsonGeometry {
  type: string;
  coordinates: unknown;
}
export interface AsmZoneFields {
  name: string;
  /** Sent as a geometry object (or, when the text is not JSON, as the text, which Rust refuses
   *  with polygon:invalid_geojson); read back as Rust keeps it (compact JSON text). */
  polygon: GeoJsonGeometry | string | null;
  geologyNotes: string;
  allocationRules: string;
  typeIds: string[];
}
export interface ProgressEntryFields {
  actionId: string;
  /** A quarter "YYYY-Qn". */
  period: string;
  outputs: string;
  spend: number | null;
  currency: string;
  issues: string;
  status: ProgressStatus | '';
}
export interface AdoptedIndicatorFields {
  indicator: string;
  goalIds: string[];
  techniques: string[];
  actionIds: string[];
  baseline: number | null;
  target: number | null;
  baselineOn: string | null;
  targetOn: string | null;
  owner: string;
  notes: string;
}
export interface MeasurementFields {
  indicatorId: string;
  on: string | null;
  value: number | null;
  female: number | null;
  male: number | null;
  source: string;
  notes: string;
}
export interface Adjustment {
  description: string;
  strategyVersion: number | null;
  /** A plan_action id, or "". */
  actionId: string;
}
export interface ReviewFields {
  heldOn: string | null;
  period: string;
  findings: string;
  adjustments: Adjustment[];
  nextOn: string | null;
}
export interface LicenceHolderFields {
  holderKind: HolderKind | '';
  name: string;
  nationalId: string;
  birthDate: string | null;
  sex: HolderSex | '';
  licenceType: string;
  licenceNumber: string;
  siteId: string;
  zoneId: string;
  commodity: string;
  issuedOn: string | null;
  expiresOn: string | null;
  status: HolderStatus | '';
  /** Save although the holder looks like another one (the officer checked). */
  acceptDuplicate: boolean;
}

export interface Phase3RecordKinds {
  plan_period: PlanPeriodFields;
  plan_action: PlanActionFields;
  capacity_building: CapacityBuildingFields;
  legal_reform: LegalReformFields;
  outreach_campaign: OutreachCampaignFields;
  pilot: PilotFields;
  asm_zone: AsmZoneFields;
  progress_entry: ProgressEntryFields;
  adopted_indicator: AdoptedIndicatorFields;
  measurement: MeasurementFields;
  review: ReviewFields;
  licence_holder: LicenceHolderFields;
}
export type Phase3Kind = keyof Phase3RecordKinds;

export type PlanPeriod = Saved<PlanPeriodFields> & { startOn: string; endOn: string };
export type PlanAction = Saved<PlanActionFields> & { startOn: string; endOn: string; budget: { amount: number; currency: string; year: number }[] };
/** Amounts by currency code. */
export type Amounts = Record<string, number>;
export type ActionView = PlanAction & {
  departmentLabel: string;
  fundingLabel: string;
  typeNames: string[];
  budgetTotal: Amounts;
  warnings: ActionWarning[];
};
export interface Total {
  /** "" = none (no type, no department, the government's budget). */
  key: string;
  label: string;
  amounts: Amounts;
}
export interface PlanTotals {
  byYear: Total[];
  byType: Total[];
  byDepartment: Total[];
  byFunding: Total[];
}
export type CapacityBuilding = Saved<CapacityBuildingFields>;
export type LegalReform = Saved<LegalReformFields>;
export type OutreachCampaign = Saved<OutreachCampaignFields>;
export type Pilot = Saved<PilotFields>;
export type AsmZone = Saved<AsmZoneFields>;
export interface InterventionRow {
  code: string;
  label: string;
  covered: boolean;
  /** How many actions carry it. */
  actions: number;
}
export interface PlanView {
  period: PlanPeriod | null;
  /** By start date. */
  actions: ActionView[];
  totals: PlanTotals;
  preparation: {
    capacityBuilding: CapacityBuilding[];
    legalReforms: LegalReform[];
    outreach: OutreachCampaign[];
    /** Each with the name of its site ("" when none). */
    pilots: (Pilot & { siteName: string })[];
    zones: AsmZone[];
  };
  /** The 17 interventions of the guidance. */
  interventions: InterventionRow[];
  /** The licence types the strategy gives its ASM types (step 2.3), in reference-list order. */
  licenceTypes: string[];
}

export type ProgressEntry = Saved<ProgressEntryFields>;
export interface ActionProgress {
  actionId: string;
  spend: Amounts;
  lastStatus: ProgressStatus | '';
  lastPeriod: string;
}
export interface ProgressView {
  /** Newest period first. */
  entries: ProgressEntry[];
  byAction: ActionProgress[];
}

export type AdoptedIndicator = Saved<AdoptedIndicatorFields>;
export type Measurement = Saved<MeasurementFields> & { on: string; value: number };
export type Review = Saved<ReviewFields> & { heldOn: string };
export interface LibraryIndicator {
  code: string;
  label: string;
  /** Codes: theme (formalisation, mercury…), unit (people, percent…), frequency (annual…). */
  theme: string;
  unit: string;
  /** Codes (sex, age). */
  disaggregation: string[];
  frequency: string;
  sourceNote: string;
  description: string;
  computable: boolean;
}
export interface AdoptedView {
  indicator: AdoptedIndicator;
  label: string;
  unit: string;
  computable: boolean;
  /** Lode's value now, for a computable indicator. */
  current: number | null;
  /** Oldest first. */
  measurements: Measurement[];
  /** 0–1 (may pass 1): the latest value toward the target from the baseline. */
  progress: number | null;
}
export interface MonitoringView {
  library: LibraryIndicator[];
  adopted: AdoptedView[];
  /** Newest first. */
  reviews: Review[];
}

export interface Trace {
  /** The goal traced from, or the goals an action's measures serve. */
  goals: Goal[];
  issues: { id: string; description: string; evidence: { kind: EvidenceKind; id: string; label: string }[] }[];
  measures: { id: string; instrument: string; typeId: string; typeName: string; action: TechniqueAction | '' }[];
  actions: { id: string; title: string; status: ActionStatus | '' }[];
  indicators: { id: string; indicator: string; label: string }[];
  forumInput: { id: string; heldOn: string; place: string; issuesRaised: string }[];
}

export type LicenceHolder = Saved<LicenceHolderFields>;
export type LicenceSort = 'name' | 'expiresOn' | 'issuedOn' | 'status' | 'licenceType';
export interface LicenceQuery {
  /** Name, national ID or licence number. */
  text: string;
  status: string;
  licenceType: string;
  commodity: string;
  expiringWithinDays: number | null;
  sort: LicenceSort;
  descending: boolean;
  offset: number;
  /** At most 500. */
  limit: number;
}
export interface LicencePage {
  total: number;
  rows: LicenceHolder[];
}
export interface LicenceHistoryEntry {
  /** null for the status the holder was first recorded with. */
  from: HolderStatus | null;
  to: HolderStatus;
  /** Unix milliseconds. */
  on: number;
  by: string;
}
export interface LicenceDetail {
  holder: LicenceHolder;
  /** The name of the holder's site, "" when none. */
  siteName: string;
  /** Oldest first. */
  history: LicenceHistoryEntry[];
  duplicates: LicenceHolder[];
}
export interface LicenceSummary {
  byStatus: { status: HolderStatus; count: number }[];
  /** Granted licences expiring within 90 days (the first 20, soonest first). */
  renewalsDue: { count: number; rows: LicenceHolder[] };
}

// ---- Sync (docs/commands.md, "Sync: keys, bundles out and in, conflicts") ----

/** A public key as people see it. */
export interface KeyInfo {
  keyId: string;
  /** Eight groups of four hex digits ("0F16 EE1C …"), to read out by phone. */
  fingerprint: string;
  /** 64 hex digits: what is sent to the other office. */
  publicKey: string;
}
export interface TrustedKey extends KeyInfo {
  officeName: string;
  trustedAt: number;
  revokedAt: number | null;
}
export type BundleKind = 'district_submission' | 'national_reference';
export type ReviewState = 'received' | 'accepted' | 'has_issues' | 'rejected';
export const REVIEW_STATES: readonly ReviewState[] = ['received', 'accepted', 'has_issues', 'rejected'];
export interface SyncCounts {
  new: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
}
export interface SentBundle {
  sequence: number;
  bundleId: string;
  kind: BundleKind;
  createdAt: number;
  records: number;
}
export interface ReceivedBundle {
  bundleId: string;
  kind: BundleKind;
  originOffice: string;
  officeName: string;
  sequence: number;
  fileName: string;
  receivedAt: number;
  receivedBy: string;
  counts: SyncCounts;
  /** "" or "gap:<expected>:<found>" or "replay:<expected>:<found>". */
  sequenceNote: string;
  reviewState: ReviewState;
  reviewComment: string;
}
export type ConflictSide = 'local' | 'incoming';
export interface SyncConflict {
  id: number;
  table: string;
  recordId: string;
  bundleId: string;
  officeName: string;
  officer: string;
  changedAt: number | null;
  baseVersion: number | null;
  local: Record<string, unknown>;
  incoming: Record<string, unknown>;
  /** The columns whose values differ, sync columns aside. */
  differing: string[];
}
/** The office this one seals its bundles to. */
export interface SealTo {
  officeName: string;
  /** Its `age1…` recipient. */
  recipient: string;
  setAt: number;
  /** The reference package that named it; null when an officer typed it in. */
  fromBundle: string | null;
}
export interface SealingView {
  /** This office's own recipient (`age1…`), when it has a sealing key. */
  recipient: string | null;
  sealTo: SealTo | null;
  minPassphraseChars: number;
}
/** What the national office has acknowledged of this office's bundles (its last reference package). */
export interface Acknowledged {
  /** Bundles 1 to `sequence` arrived there. */
  sequence: number;
  /** The changes up to this time (ms) are safe there. */
  through: number;
  /** The reference package that said so. */
  bundleId: string;
  /** When that package was imported here (ms). */
  receivedAt: number;
}
export interface SyncView {
  officeKey: KeyInfo | null;
  trusted: TrustedKey[];
  /** Newest first. */
  sent: SentBundle[];
  /** Newest first. */
  received: ReceivedBundle[];
  /** Open ones, oldest first. */
  conflicts: SyncConflict[];
  sealing: SealingView;
  acknowledged: Acknowledged | null;
}
export interface ExportResult {
  fileName: string;
  kind: BundleKind;
  sequence: number;
  records: number;
  /** The office the file is sealed for; null when it is not sealed. */
  sealedFor: string | null;
}
export interface SequenceNote {
  kind: 'gap' | 'replay';
  expected: number;
  found: number;
}
export type PlannedOutcome = 'new' | 'updated' | 'unchanged' | 'conflict' | 'rejected';
export interface PlannedRecord {
  table: string;
  id: string;
  outcome: PlannedOutcome;
  /** "" or unknown_table, bad_row, missing_parent, constraint… */
  reason: string;
  localVersion: number | null;
  incomingVersion: number | null;
}
export interface BundlePreview {
  previewId: string;
  fileName: string;
  kind: BundleKind;
  officeName: string;
  exportedBy: string;
  sequence: number;
  createdAt: number;
  sequenceNote: SequenceNote | null;
  counts: SyncCounts;
  totalRecords: number;
  /** The first 500, in the bundle's order. */
  records: PlannedRecord[];
}
/** A sealed bundle waiting for this office's sealing passphrase: bundleUnlock(pendingId, …) opens it. */
export interface SealedBundle {
  needsPassphrase: true;
  pendingId: string;
  fileName: string;
}
export const isSealedBundle = (opened: BundlePreview | SealedBundle): opened is SealedBundle => 'needsPassphrase' in opened && opened.needsPassphrase === true;
export interface ApplyResult {
  fileName: string;
  counts: SyncCounts;
}
export type ConflictResolution = { keep: 'local' } | { keep: 'incoming' } | { keep: 'merge'; fields: Record<string, ConflictSide> };

// The national view: every workspace this office holds, summed (docs/commands.md, "The national view").
export interface NationalRange {
  low: number;
  high: number;
  sitesWithEstimate: number;
}
export interface NationalMiners {
  female: number;
  male: number;
  under18: number;
  total: number;
}
export interface NationalDistrictRow {
  workspaceId: string;
  name: string;
  jurisdiction: string;
  officeName: string;
  sites: number;
  miners: NationalMiners;
  mercuryKg: NationalRange;
  licences: number;
  actions: number;
  /** Bundles received within the period from the office that made this workspace. */
  bundles: number;
}
export interface NationalCommodityRow {
  code: string;
  label: string;
  sites: number;
  miners: NationalMiners;
}
export interface NationalTechniqueRow {
  code: string;
  label: string;
  /** A Minamata Annex C worst practice. */
  annexC: boolean;
  sites: number;
  /** 0–1. */
  share: number;
}
export interface NationalLicenceRow {
  licenceType: string;
  typeLabel: string;
  status: string;
  count: number;
}
export interface NationalActions {
  count: number;
  byStatus: Record<string, number>;
  budget: Record<string, number>;
}
export interface NationalIndicatorRow {
  workspaceName: string;
  indicator: string;
  label: string;
  unit: string;
  latest: number | null;
  target: number | null;
  /** 0–1 or null. */
  progress: number | null;
}
export interface NationalSubmission {
  keyId: string;
  officeName: string;
  /** The last bundle received by periodEnd (ms). */
  lastReceivedAt: number | null;
  /** The highest sequence received by periodEnd. */
  lastSequence: number | null;
  /** Bundles received within the period. */
  bundles: number;
  /** A bundle arrived between onTimeSince and periodEnd. */
  onTime: boolean;
}
/** Which bundles the national view counts; every other figure is a current total. */
export type NationalPeriod = 'quarter' | 'previous_quarter' | 'year' | 'all';
export const NATIONAL_PERIODS: readonly NationalPeriod[] = ['quarter', 'previous_quarter', 'year', 'all'];
export interface NationalView {
  period: NationalPeriod;
  /** The first day of the period (YYYY-MM-DD); null for 'all'. */
  periodStart: string | null;
  /** The last day of the period, inclusive (YYYY-MM-DD); today for 'all'. */
  periodEnd: string;
  /** On time: a bundle arrived on or after this day (the period's start; the current quarter's for 'all'). */
  onTimeSince: string;
  totals: { sites: number; miners: NationalMiners; mercuryKg: NationalRange };
  districts: NationalDistrictRow[];
  /** Most sites first. */
  byCommodity: NationalCommodityRow[];
  /** Annex C worst practices first, then by sites. */
  techniques: NationalTechniqueRow[];
  licences: NationalLicenceRow[];
  actions: NationalActions;
  indicators: NationalIndicatorRow[];
  /** Late ones first. */
  submissions: NationalSubmission[];
}

export function isUiError(value: unknown): value is UiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Anything a command can reject with becomes a UiError, so no failure is ever silent. */
export function toUiError(value: unknown): UiError {
  if (isUiError(value)) {
    const fields = Array.isArray(value.fields) ? value.fields : [];
    return { code: value.code, message: value.message, record: value.record ?? null, fields };
  }
  const detail = value instanceof Error ? value.message : typeof value === 'string' ? value : JSON.stringify(value);
  return { code: 'internal', message: t('error.internal', { detail: detail ?? '' }), record: null, fields: [] };
}

// Registers out of Lode (XLSX, CSV, GeoJSON): see "Exporting registers" in docs/commands.md.
export type RegisterName = 'sites' | 'stakeholders' | 'partners' | 'licence-holders' | 'actions' | 'measurements' | 'zones';
export type RegisterFormat = 'xlsx' | 'csv' | 'geojson';
export interface RegisterExportResult {
  register: RegisterName;
  format: RegisterFormat;
  /** The file's name, without its folder (the path stays in Rust). */
  fileName: string;
  rows: number;
  /** GeoJSON: records left off the map (no coordinates, no boundary). */
  skippedWithoutLocation: number;
  personalDataIncluded: boolean;
  personalDataMasked: boolean;
}

// Phase documents out of Lode (PDF, DOCX): see "Exporting documents" in docs/commands.md.
/** context: Context Report (Phase 1); strategy: ASM Management Strategy (Phase 2); plan:
 *  Implementation Plan and me: M&E Plan (Phase 3). */
export type DocumentName = 'context' | 'strategy' | 'plan' | 'me';
export type DocumentFormat = 'pdf' | 'docx';
export interface DocumentSummary {
  /** The file's name, without its folder (the path stays in Rust). */
  fileName: string;
  bytes: number;
  /** The strategy's current version is not signed off: the document is marked "Draft". */
  draft: boolean;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toUiError(e);
  }
}

export const api = {
  getAppState: () => call<AppState>('get_app_state'),
  setupInstallation: (input: SetupInput) => call<AppState>('setup_installation', { ...input }),
  setLanguage: (language: Lang) => call<AppState>('set_language', { language }),
  createWorkspace: (name: string, jurisdiction: string) => call<AppState>('create_workspace', { name, jurisdiction }),
  renameWorkspace: (workspaceId: string, name: string) => call<AppState>('rename_workspace', { workspaceId, name }),
  setWorkspaceArchived: (workspaceId: string, archived: boolean) =>
    call<AppState>('set_workspace_archived', { workspaceId, archived }),
  openWorkspace: (workspaceId: string) => call<AppState>('open_workspace', { workspaceId }),
  getHome: (workspaceId: string) => call<Home>('get_home', { workspaceId }),
  getStep: (workspaceId: string, step: StepId) => call<StepPage>('get_step', { workspaceId, step }),
  setChecklistItem: (
    workspaceId: string,
    step: StepId,
    key: string,
    ticked: boolean,
    date: string | null,
    note: string,
  ) => call<StepPage>('set_checklist_item', { workspaceId, step, key, ticked, date, note }),
  saveNoteDraft: (workspaceId: string, step: StepId, text: string) =>
    call<null>('save_note_draft', { workspaceId, step, text }),
  addNote: (workspaceId: string, step: StepId, text: string, kind: NoteKind) =>
    call<StepPage>('add_note', { workspaceId, step, text, kind }),
  deleteNote: (workspaceId: string, step: StepId, noteId: string) =>
    call<StepPage>('delete_note', { workspaceId, step, noteId }),
  backupTo: () => call<BackupResult | null>('backup_to'),

  // Phase 1
  getCatalogues: () => call<Catalogues>('get_catalogues'),
  saveRecord: <K extends RecordKind>(workspaceId: string, kind: K, id: string | null, fields: RecordKinds[K]) =>
    call<{ id: string }>('save_record', { workspaceId, kind, id, fields }),
  deleteRecord: (workspaceId: string, kind: RecordKind, id: string) => call<null>('delete_record', { workspaceId, kind, id }),
  getTaskForce: (workspaceId: string) => call<TaskForce>('get_task_force', { workspaceId }),
  getForum: (workspaceId: string) => call<Forum>('get_forum', { workspaceId }),
  getContext: (workspaceId: string) => call<Context>('get_context', { workspaceId }),
  listSites: (workspaceId: string, query: SiteQuery) => call<SitePage>('list_sites', { workspaceId, query }),
  getPartners: (workspaceId: string) => call<Partner[]>('get_partners', { workspaceId }),
  importOpen: (workspaceId: string, kind: ImportKind) => call<ImportPreview | null>('import_open', { workspaceId, kind }),
  importRemap: (importId: string, mapping: ImportMapping) => call<ImportPreview>('import_remap', { importId, mapping }),
  importCommit: (importId: string) => call<ImportResult>('import_commit', { importId }),
  importCancel: (importId: string) => call<null>('import_cancel', { importId }),

  // Phase 2
  getVision: (workspaceId: string) => call<VisionView>('get_vision', { workspaceId }),
  getTypes: (workspaceId: string) => call<TypesView>('get_types', { workspaceId }),
  acceptProposedTypes: (workspaceId: string) => call<{ created: number }>('accept_proposed_types', { workspaceId }),
  getStrategies: (workspaceId: string) => call<StrategiesView>('get_strategies', { workspaceId }),
  getFinalise: (workspaceId: string) => call<FinaliseView>('get_finalise', { workspaceId }),
  signOffStrategy: (workspaceId: string, note: string | null) => call<FinaliseView>('sign_off_strategy', { workspaceId, note }),
  startStrategyVersion: (workspaceId: string) => call<FinaliseView>('start_strategy_version', { workspaceId }),
  /** `to` null: the current draft. */
  compareStrategyVersions: (workspaceId: string, from: number, to: number | null) =>
    call<VersionComparison>('compare_strategy_versions', { workspaceId, from, to }),

  // Phase 3
  getPlan: (workspaceId: string) => call<PlanView>('get_plan', { workspaceId }),
  getProgress: (workspaceId: string) => call<ProgressView>('get_progress', { workspaceId }),
  getMonitoring: (workspaceId: string) => call<MonitoringView>('get_monitoring', { workspaceId }),
  recordComputedMeasurement: (workspaceId: string, indicatorId: string, on: string) =>
    call<{ id: string }>('record_computed_measurement', { workspaceId, indicatorId, on }),
  /** Exactly one of goalId and actionId. */
  getTrace: (workspaceId: string, goalId: string | null, actionId: string | null) => call<Trace>('get_trace', { workspaceId, goalId, actionId }),
  listLicenceHolders: (workspaceId: string, query: LicenceQuery) => call<LicencePage>('list_licence_holders', { workspaceId, query }),
  getLicenceHolder: (workspaceId: string, id: string) => call<LicenceDetail>('get_licence_holder', { workspaceId, id }),
  checkLicenceDuplicates: (workspaceId: string, id: string | null, fields: LicenceHolderFields) =>
    call<LicenceHolder[]>('check_licence_duplicates', { workspaceId, id, fields }),
  /** `today` null: the machine's today. */
  getLicenceSummary: (workspaceId: string, today: string | null) => call<LicenceSummary>('get_licence_summary', { workspaceId, today }),

  // Sync: no workspace argument, the keys and bundles belong to the office.
  getSync: () => call<SyncView>('get_sync'),
  createOfficeKey: () => call<SyncView>('create_office_key'),
  /** `publicKey`: 64 hex digits, spaces ignored. */
  trustKey: (officeName: string, publicKey: string) => call<SyncView>('trust_key', { officeName, publicKey }),
  revokeKey: (keyId: string) => call<SyncView>('revoke_key', { keyId }),
  /** Returns this office's new recipient. The passphrase is never stored, by Rust or here. */
  createSealingKey: (passphrase: string) => call<string>('create_sealing_key', { passphrase }),
  setSealTo: (officeName: string, recipient: string) => call<SealTo>('set_seal_to', { officeName, recipient }),
  /** `reference`: a reference package (always complete); `seal`: sealed for SealingView.sealTo. null: the officer cancelled the save dialog. */
  exportBundle: (everything: boolean, reference: boolean, seal: boolean) =>
    call<ExportResult | null>('export_bundle', { everything, reference, seal }),
  /** null: the officer cancelled the open dialog. A sealed file comes back as a SealedBundle to
   *  unlock (the dialog does not open again). Nothing is kept until bundleApply. */
  bundleOpen: () => call<BundlePreview | SealedBundle | null>('bundle_open', { passphrase: null }),
  /** A wrong passphrase (bundle.wrong_passphrase) keeps the bundle waiting, to try again. */
  bundleUnlock: (pendingId: string, passphrase: string) => call<BundlePreview>('bundle_unlock', { pendingId, passphrase }),
  bundleApply: (previewId: string) => call<ApplyResult>('bundle_apply', { previewId }),
  /** Also drops a SealedBundle (give its pendingId). */
  bundleCancel: (previewId: string) => call<null>('bundle_cancel', { previewId }),
  resolveConflict: (id: number, resolution: ConflictResolution) => call<SyncView>('resolve_conflict', { id, resolution }),
  reviewBundle: (bundleId: string, state: ReviewState, comment: string) => call<SyncView>('review_bundle', { bundleId, state, comment }),

  /** Opens the native save dialog (Rust side); null when the officer cancels it. */
  exportRegister: (workspaceId: string, register: RegisterName, format: RegisterFormat, includePersonalData: boolean) =>
    call<RegisterExportResult | null>('export_register', { workspaceId, register, format, includePersonalData }),
  /** Makes the document (a Strategy PDF takes a few seconds) where the officer chooses in the
   *  native save dialog (Rust side); `lang` null: the UI's language. null when the officer cancels. */
  /** `asmType`: only that ASM type's part of the Strategy (its id); null for the whole document. */
  exportDocument: (workspaceId: string, report: DocumentName, format: DocumentFormat, lang: Lang | null, asmType: string | null = null) =>
    call<DocumentSummary | null>('export_document', { workspaceId, report, format, lang, asmType }),

  // The national view: no workspace argument, it sums every workspace this office holds.
  /** `today` null: the machine's today. An unknown period is refused as field `period`. */
  getNational: (today: string | null, period: NationalPeriod) => call<NationalView>('get_national', { today, period }),
};
