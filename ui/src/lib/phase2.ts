// Phase 2 records on the UI side: the empty record of each kind, the labels of fixed choices,
// and where each part of a Phase 2 page is (for the "Go to" links of step 2.4's findings).
import { tick } from 'svelte';
import type {
  AllocateLand,
  Category,
  ChangeKind,
  CriterionBasis,
  EvidenceKind,
  ImpactsApproach,
  IssueScope,
  LandForm,
  MeasureApproach,
  Phase2RecordKinds,
  Phase2Section,
  StepId,
  TechniqueAction,
} from './api';
import type { MsgKey } from './i18n.svelte';

export const BLANK2: { [K in keyof Phase2RecordKinds]: () => Phase2RecordKinds[K] } = {
  vision: () => ({ statement: '', adoptedOn: null }),
  strategy_issue: () => ({ description: '', category: '', severity: null, scope: '', evidence: [] }),
  strategy_goal: () => ({ statement: '', issues: [], indicators: [], target: '' }),
  technique_assessment: () => ({ technique: '', category: '', rationale: '', source: '' }),
  asm_type: () => ({
    name: '',
    commodity: '',
    depositGroup: '',
    mechanisation: '',
    scale: '',
    toFormalise: true,
    leverage: null,
    justification: '',
  }),
  priority_criterion: () => ({ basis: 'manual', name: '', weight: 25 }),
  type_score: () => ({ typeId: '', criterionId: '', score: null }),
  type_strategy: () => ({
    typeId: '',
    allocateLand: '',
    landForm: '',
    landNotes: '',
    economicsRationale: '',
    impactsApproach: '',
    impactsRationale: '',
    licenceType: '',
    transboundary: '',
  }),
  strategy_measure: () => ({ typeId: '', instrument: '', approach: '', techniques: [], action: '', goals: [], rationale: '' }),
};

export const CATEGORY_KEYS: Record<Category, MsgKey> = {
  unacceptable: 'technique.unacceptable',
  poor: 'technique.poor',
  good: 'technique.good',
};
export const SCOPE_KEYS: Record<IssueScope, MsgKey> = { local: 'issue.scopeLocal', regional: 'issue.scopeRegional', national: 'issue.scopeNational' };
export const EVIDENCE_KEYS: Record<EvidenceKind, MsgKey> = {
  site: 'evidence.site',
  consultation_event: 'evidence.consultationEvent',
  stakeholder: 'evidence.stakeholder',
  political_actor: 'evidence.politicalActor',
  supply_node: 'evidence.supplyNode',
  capacity_cell: 'evidence.capacityCell',
};
export const BASIS_HINT_KEYS: Record<CriterionBasis, MsgKey> = {
  people_affected: 'criterion.hintPeople',
  unacceptable_severity: 'criterion.hintUnacceptable',
  economic_value: 'criterion.hintValue',
  government_leverage: 'criterion.hintLeverage',
  manual: 'criterion.hintManual',
};
export const ALLOCATE_KEYS: Record<AllocateLand, MsgKey> = { yes: 'common.yes', no: 'common.no', undecided: 'strategy.undecided' };
export const LAND_FORM_KEYS: Record<LandForm, MsgKey> = { asm_zone: 'strategy.landAsmZone', reserved_area: 'strategy.landReservedArea' };
export const IMPACTS_KEYS: Record<ImpactsApproach, MsgKey> = {
  license_regulate: 'strategy.impactsLicense',
  promote_good_practice: 'strategy.impactsPromote',
  both: 'strategy.impactsBoth',
};
export const APPROACH_KEYS: Record<MeasureApproach, MsgKey> = { economics: 'measure.approachEconomics', impacts: 'measure.approachImpacts' };
export const ACTION_KEYS: Record<TechniqueAction, MsgKey> = { eliminate: 'measure.actionEliminate', improve: 'measure.actionImprove', promote: 'measure.actionPromote' };
export const CHANGE_KEYS: Record<ChangeKind, MsgKey> = { added: 'compare.added', removed: 'compare.removed', changed: 'compare.changed' };
export const SECTION_KEYS: Record<Phase2Section, MsgKey> = {
  issues: 'section.issues',
  goals: 'section.goals',
  techniques: 'section.techniques',
  types: 'section.types',
  priorities: 'section.priorities',
  strategy: 'section.strategy',
};
/** Where the catalogue's technique categories come from. */
export const SOURCE_KEYS: Record<string, MsgKey> = {
  good_practice: 'technique.sourceGoodPractice',
  minamata_annex_c: 'technique.sourceMinamata',
  oecd_annex_ii: 'technique.sourceOecd',
  ilo: 'technique.sourceIlo',
};
export const STAGE_KEYS: Record<string, MsgKey> = {
  extraction: 'technique.stageExtraction',
  processing: 'technique.stageProcessing',
  trade: 'technique.stageTrade',
  labour: 'technique.stageLabour',
};
export const STAGES = ['extraction', 'processing', 'trade', 'labour'] as const;
/** The records compare_strategy_versions reports on, by kind. */
export const KIND_KEYS: Record<string, MsgKey> = {
  vision: 'kind.vision',
  strategy_issue: 'kind.strategyIssue',
  strategy_goal: 'kind.strategyGoal',
  technique_assessment: 'kind.techniqueAssessment',
  asm_type: 'kind.asmType',
  priority_criterion: 'kind.priorityCriterion',
  type_score: 'kind.typeScore',
  type_strategy: 'kind.typeStrategy',
  strategy_measure: 'kind.strategyMeasure',
};

/** The step each Phase 2 section belongs to. */
export const SECTION_STEP: Record<Phase2Section, StepId> = {
  issues: '2.1',
  goals: '2.1',
  techniques: '2.1',
  types: '2.2',
  priorities: '2.2',
  strategy: '2.3',
};

/** The element id of a Phase 2 section; its heading (`…-title`, tabindex -1) takes focus when a
 *  finding opens it. */
export const sectionId = (section: Phase2Section) => `section-${section}`;

/** Bring a section into view and move focus to its heading, once it is drawn. */
export async function revealSection(section: Phase2Section): Promise<void> {
  await tick();
  const el = document.getElementById(sectionId(section));
  el?.scrollIntoView?.({ block: 'start' });
  document.getElementById(`${sectionId(section)}-title`)?.focus();
}

/** How bad a category is, worst first (for sorting). */
export const CATEGORY_RANK: Record<string, number> = { unacceptable: 0, poor: 1, good: 2 };

/** The label of a fixed choice, or `empty` when there is none. */
export function keyed<V extends string>(keys: Record<V, MsgKey>, value: V | '' | null | undefined): MsgKey | null {
  return value ? (keys[value as V] ?? null) : null;
}

/** The label of a record's field, for the changes compare_strategy_versions lists. */
const FIELD_KEYS: Record<string, Record<string, MsgKey>> = {
  vision: { statement: 'vision.statement', adoptedOn: 'vision.adoptedOn' },
  strategy_issue: { description: 'issue.description', category: 'issue.category', severity: 'issue.severity', scope: 'issue.scope', evidence: 'issue.evidence' },
  strategy_goal: { statement: 'goal.statement', issues: 'goal.issues', indicators: 'goal.indicators', target: 'goal.target' },
  technique_assessment: { technique: 'technique.technique', category: 'technique.government', rationale: 'technique.rationale', source: 'technique.assessmentSource' },
  asm_type: {
    name: 'types.name',
    commodity: 'types.commodity',
    depositGroup: 'types.depositGroup',
    mechanisation: 'types.mechanisation',
    scale: 'types.scale',
    toFormalise: 'types.toFormaliseLabel',
    leverage: 'types.leverage',
    justification: 'types.justification',
  },
  priority_criterion: { name: 'criterion.manualName', weight: 'criterion.weight' },
  type_score: { score: 'scores.title' },
  type_strategy: {
    allocateLand: 'strategy.allocateLand',
    landForm: 'strategy.landForm',
    landNotes: 'strategy.landNotes',
    economicsRationale: 'strategy.economicsRationale',
    impactsApproach: 'strategy.impactsApproach',
    impactsRationale: 'strategy.impactsRationale',
    licenceType: 'strategy.licenceType',
    transboundary: 'strategy.transboundary',
  },
  strategy_measure: {
    instrument: 'measure.instrument',
    approach: 'measure.approach',
    techniques: 'measure.techniques',
    action: 'measure.action',
    goals: 'measure.goals',
    rationale: 'measure.rationale',
  },
};

export function fieldKey(kind: string, field: string): MsgKey | null {
  return FIELD_KEYS[kind]?.[field] ?? null;
}
