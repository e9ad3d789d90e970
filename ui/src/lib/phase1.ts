// Phase 1 records on the UI side: the empty record of each kind (what a new form starts from),
// the labels of fixed choices and of fields (for forms, tables and the import mapping).
import type {
  AgreementStatus,
  CatalogueName,
  ImportKind,
  Level3,
  LicenceStatus,
  MandateClarity,
  OfficeLevel,
  Phase1RecordKinds,
  Sex,
  SiteFields,
  StakeholderFields,
} from './api';
import { t, type MsgKey } from './i18n.svelte';
import { HOLDER_FIELD_KEYS } from './phase3';

export const BLANK: { [K in keyof Phase1RecordKinds]: () => Phase1RecordKinds[K] } = {
  task_force_charter: () => ({ mandate: '', legalBasis: '', leadAgency: '', chair: '', secretariat: '', budgetAmount: null, budgetCurrency: '', adoptedOn: null }),
  task_force_member: () => ({ agency: '', department: '', focalPerson: '', level: '', role: '' }),
  task_force_meeting: () => ({ heldOn: null, attendees: '', decisions: '' }),
  meeting_action: () => ({ meetingId: '', description: '', owner: '', dueOn: null, done: false }),
  forum_charter: () => ({ termsOfReference: '', meetingsPerYear: null, levels: [] }),
  stakeholder: () => ({
    organisation: '',
    group: '',
    region: '',
    representativeSex: 'unknown',
    influence: 3,
    interest: 3,
    vulnerability: '',
    vestedInterests: '',
    armedGroupLinks: '',
    insider: false,
    notes: '',
  }),
  consultation_event: () => ({ heldOn: null, place: '', steps: [], attendance: [], issuesRaised: '', governmentResponse: '' }),
  site: () => ({
    name: '',
    adminUnit: '',
    latitude: null,
    longitude: null,
    commodity: '',
    depositType: '',
    mechanisation: '',
    organisation: '',
    seasonality: '',
    minersFemale: null,
    minersMale: null,
    minersUnder18: null,
    legalStatus: '',
    productionAmount: null,
    productionUnit: '',
    priceUsd: null,
    techniques: [],
    mercuryKgLow: null,
    mercuryKgHigh: null,
    mercuryMethod: '',
    impacts: [],
    impactNotes: '',
    source: '',
    confidence: '',
  }),
  capacity_cell: () => ({
    office: '',
    function: '',
    staff: null,
    fieldOffices: null,
    vehicles: null,
    budgetUsd: null,
    skills: '',
    dataSystems: '',
    mandateClarity: '',
    score: null,
    gap: '',
    notes: '',
  }),
  supply_node: () => ({ name: '', nodeType: '', location: '', licenceStatus: '', riskFlags: [], notes: '' }),
  supply_flow: () => ({
    fromNode: '',
    toNode: '',
    volume: null,
    volumeUnit: '',
    price: null,
    currency: '',
    preFinance: false,
    taxPoint: false,
    crossBorder: false,
    licenceStatus: '',
    commodity: '',
    notes: '',
  }),
  political_actor: () => ({ name: '', actorType: '', interests: '', power: 3, rents: '', stance: '', notes: '' }),
  partner: () => ({
    organisation: '',
    partnerType: '',
    programme: '',
    commodity: '',
    geography: '',
    theme: '',
    roles: [],
    funds: null,
    currency: '',
    startOn: null,
    endOn: null,
    agreementStatus: 'planned',
  }),
};

export const LEVEL_KEYS: Record<OfficeLevel, MsgKey> = { national: 'level.national', province: 'level.province', district: 'level.district' };
export const SEX_KEYS: Record<Sex, MsgKey> = { female: 'sex.female', male: 'sex.male', other: 'sex.other', unknown: 'sex.unknown' };
export const LEVEL3_KEYS: Record<Level3, MsgKey> = { low: 'scale.low', medium: 'scale.medium', high: 'scale.high' };
export const LICENCE_KEYS: Record<LicenceStatus, MsgKey> = { licensed: 'licence.licensed', unlicensed: 'licence.unlicensed', unknown: 'licence.unknown' };
export const CLARITY_KEYS: Record<MandateClarity, MsgKey> = { clear: 'clarity.clear', partial: 'clarity.partial', unclear: 'clarity.unclear' };
export const AGREEMENT_KEYS: Record<AgreementStatus, MsgKey> = {
  planned: 'agreement.planned',
  negotiating: 'agreement.negotiating',
  signed: 'agreement.signed',
  ended: 'agreement.ended',
};

/** Options for a SelectField or CodesField from fixed values and their label keys. */
export function choices<V extends string>(values: readonly V[], keys: Record<V, MsgKey>): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: t(keys[value]) }));
}

/** The label of a fixed choice; "Not recorded" when empty. */
export function choiceLabel<V extends string>(keys: Record<V, MsgKey>, value: V | '' | null | undefined): string {
  return value ? t(keys[value as V] ?? 'common.notRecorded') : t('common.notRecorded');
}

export const SITE_FIELD_KEYS: Record<keyof SiteFields, MsgKey> = {
  name: 'site.name',
  adminUnit: 'site.adminUnit',
  latitude: 'site.latitude',
  longitude: 'site.longitude',
  commodity: 'site.commodity',
  depositType: 'site.depositType',
  mechanisation: 'site.mechanisation',
  organisation: 'site.organisation',
  seasonality: 'site.seasonality',
  minersFemale: 'site.minersFemale',
  minersMale: 'site.minersMale',
  minersUnder18: 'site.minersUnder18',
  legalStatus: 'site.legalStatus',
  productionAmount: 'site.productionAmount',
  productionUnit: 'site.productionUnit',
  priceUsd: 'site.priceUsd',
  techniques: 'site.techniques',
  mercuryKgLow: 'site.mercuryKgLow',
  mercuryKgHigh: 'site.mercuryKgHigh',
  mercuryMethod: 'site.mercuryMethod',
  impacts: 'site.impacts',
  impactNotes: 'site.impactNotes',
  source: 'site.source',
  confidence: 'site.confidence',
};

export const STAKEHOLDER_FIELD_KEYS: Record<keyof StakeholderFields, MsgKey> = {
  organisation: 'stakeholder.organisation',
  group: 'stakeholder.group',
  region: 'stakeholder.region',
  representativeSex: 'stakeholder.representativeSex',
  influence: 'stakeholder.influence',
  interest: 'stakeholder.interest',
  vulnerability: 'stakeholder.vulnerability',
  vestedInterests: 'stakeholder.vestedInterests',
  armedGroupLinks: 'stakeholder.armedGroupLinks',
  insider: 'stakeholder.insider',
  notes: 'stakeholder.notes',
};

/** The reference list behind a coded field of an imported record (for labels in previews). */
export const IMPORT_FIELD_LISTS: Record<ImportKind, Record<string, CatalogueName>> = {
  site: {
    commodity: 'commodities',
    depositType: 'deposit_types',
    mechanisation: 'mechanisation_levels',
    organisation: 'organisation_forms',
    seasonality: 'seasonality',
    legalStatus: 'legal_status',
    techniques: 'techniques',
    impacts: 'impact_categories',
  },
  stakeholder: { group: 'stakeholder_groups' },
  licence_holder: { licenceType: 'licence_types', commodity: 'commodities' },
};

/** The label of an imported record's field. */
export function importFieldLabel(kind: ImportKind, field: string): string {
  const keys: Record<string, MsgKey> = kind === 'site' ? SITE_FIELD_KEYS : kind === 'stakeholder' ? STAKEHOLDER_FIELD_KEYS : HOLDER_FIELD_KEYS;
  return field in keys ? t(keys[field]) : field;
}
