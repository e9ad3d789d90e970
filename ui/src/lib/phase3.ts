// Phase 3 records on the UI side: the empty record of each kind, the labels of fixed choices and
// codes, and small helpers for money by currency, dates on a timeline, quarters and polygons.
import { SvelteMap } from 'svelte/reactivity';
import type {
  ActionStatus,
  ActionWarning,
  Amounts,
  CapacityStatus,
  GeoJsonGeometry,
  HolderKind,
  HolderSex,
  HolderStatus,
  LicenceHolderFields,
  OutreachChannel,
  Phase3RecordKinds,
  PilotStatus,
  ProgressStatus,
  ReformStatus,
  Total,
} from './api';
import { formatMoney, t, type MsgKey } from './i18n.svelte';

export const BLANK3: { [K in keyof Phase3RecordKinds]: () => Phase3RecordKinds[K] } = {
  plan_period: () => ({ startOn: null, endOn: null, currency: '' }),
  plan_action: () => ({
    title: '',
    instrument: '',
    typeIds: [],
    regions: [],
    departmentId: '',
    partnerIds: [],
    fundingPartnerId: '',
    startOn: null,
    endOn: null,
    dependsOn: [],
    budget: [],
    status: 'planned',
    notes: '',
  }),
  capacity_building: () => ({ agency: '', skill: '', trainees: null, capacityCellId: '', actionId: '', startOn: null, status: 'planned' }),
  legal_reform: () => ({ instrument: '', provision: '', change: '', status: 'proposed' }),
  outreach_campaign: () => ({ audience: '', channel: '', language: '', message: '', actionId: '', startOn: null }),
  pilot: () => ({ siteId: '', intervention: '', hypothesis: '', metrics: '', startOn: null, endOn: null, status: 'planned' }),
  asm_zone: () => ({ name: '', polygon: null, geologyNotes: '', allocationRules: '', typeIds: [] }),
  progress_entry: () => ({ actionId: '', period: '', outputs: '', spend: null, currency: '', issues: '', status: 'on_track' }),
  adopted_indicator: () => ({
    indicator: '',
    goalIds: [],
    techniques: [],
    actionIds: [],
    baseline: null,
    target: null,
    baselineOn: null,
    targetOn: null,
    owner: '',
    notes: '',
  }),
  measurement: () => ({ indicatorId: '', on: null, value: null, female: null, male: null, source: '', notes: '' }),
  review: () => ({ heldOn: null, period: '', findings: '', adjustments: [], nextOn: null }),
  licence_holder: () => ({
    holderKind: 'individual',
    name: '',
    nationalId: '',
    birthDate: null,
    sex: '',
    licenceType: '',
    licenceNumber: '',
    siteId: '',
    zoneId: '',
    commodity: '',
    issuedOn: null,
    expiresOn: null,
    status: 'applied',
    acceptDuplicate: false,
  }),
};

export const ACTION_STATUS_KEYS: Record<ActionStatus, MsgKey> = {
  planned: 'planStatus.planned',
  in_progress: 'planStatus.inProgress',
  done: 'planStatus.done',
  delayed: 'planStatus.delayed',
  cancelled: 'planStatus.cancelled',
};
export const WARNING_KEYS: Record<ActionWarning, MsgKey> = {
  no_owner: 'planAction.warnNoOwner',
  no_budget: 'planAction.warnNoBudget',
  outside_period: 'planAction.warnOutsidePeriod',
};
export const CAPACITY_STATUS_KEYS: Record<CapacityStatus, MsgKey> = {
  planned: 'prepStatus.planned',
  in_progress: 'prepStatus.inProgress',
  done: 'prepStatus.done',
};
export const REFORM_STATUS_KEYS: Record<ReformStatus, MsgKey> = {
  proposed: 'reform.statusProposed',
  drafted: 'reform.statusDrafted',
  adopted: 'reform.statusAdopted',
  in_force: 'reform.statusInForce',
};
export const CHANNEL_KEYS: Record<OutreachChannel, MsgKey> = {
  radio: 'outreach.channelRadio',
  community_meetings: 'outreach.channelMeetings',
  sms: 'outreach.channelSms',
  posters: 'outreach.channelPosters',
  television: 'outreach.channelTelevision',
  social_media: 'outreach.channelSocial',
  extension_visits: 'outreach.channelExtension',
};
export const PILOT_STATUS_KEYS: Record<PilotStatus, MsgKey> = {
  planned: 'prepStatus.planned',
  running: 'pilot.statusRunning',
  evaluated: 'pilot.statusEvaluated',
};
export const PROGRESS_STATUS_KEYS: Record<ProgressStatus, MsgKey> = {
  on_track: 'progress.statusOnTrack',
  delayed: 'progress.statusDelayed',
  blocked: 'progress.statusBlocked',
  done: 'progress.statusDone',
};
export const HOLDER_KIND_KEYS: Record<HolderKind, MsgKey> = {
  individual: 'holder.kindIndividual',
  cooperative: 'holder.kindCooperative',
  company: 'holder.kindCompany',
};
export const HOLDER_SEX_KEYS: Record<HolderSex, MsgKey> = { female: 'sex.female', male: 'sex.male', unknown: 'sex.unknown' };
export const HOLDER_STATUS_KEYS: Record<HolderStatus, MsgKey> = {
  applied: 'holder.statusApplied',
  granted: 'holder.statusGranted',
  suspended: 'holder.statusSuspended',
  expired: 'holder.statusExpired',
  revoked: 'holder.statusRevoked',
};
/** Indicator themes, units, frequencies and disaggregations (codes of the indicators catalogue). */
export const THEME_KEYS: Record<string, MsgKey> = {
  formalisation: 'theme.formalisation',
  mercury: 'theme.mercury',
  economy: 'theme.economy',
  social_health: 'theme.socialHealth',
  governance: 'theme.governance',
  environment: 'theme.environment',
};
export const UNIT_KEYS: Record<string, MsgKey> = {
  count: 'unit.count',
  hectares: 'unit.hectares',
  kg: 'unit.kg',
  kg_per_year: 'unit.kgPerYear',
  people: 'unit.people',
  per_1000_miners: 'unit.per1000Miners',
  percent: 'unit.percent',
  tonnes: 'unit.tonnes',
  usd: 'unit.usd',
};
export const FREQUENCY_KEYS: Record<string, MsgKey> = { annual: 'frequency.annual', quarterly: 'frequency.quarterly' };
export const DISAGGREGATION_KEYS: Record<string, MsgKey> = { sex: 'disaggregation.sex', age: 'disaggregation.age' };

/** A label from a code map; the code itself when the map does not know it. */
export function codeLabel(keys: Record<string, MsgKey>, code: string | null | undefined): string {
  if (!code) return t('common.notRecorded');
  return code in keys ? t(keys[code]) : code;
}

/** The label of each licence-holder field (import mapping and rejected rows). */
export const HOLDER_FIELD_KEYS: Record<keyof LicenceHolderFields, MsgKey> = {
  holderKind: 'holder.holderKind',
  name: 'holder.name',
  nationalId: 'holder.nationalId',
  birthDate: 'holder.birthDate',
  sex: 'holder.sex',
  licenceType: 'holder.licenceType',
  licenceNumber: 'holder.licenceNumber',
  siteId: 'holder.site',
  zoneId: 'holder.zone',
  commodity: 'holder.commodity',
  issuedOn: 'holder.issuedOn',
  expiresOn: 'holder.expiresOn',
  status: 'holder.status',
  acceptDuplicate: 'holder.acceptDuplicate',
};

/** Amounts by currency, e.g. "USD 12,000 · XOF 5,000,000"; "—" when there is none. */
export function formatAmounts(amounts: Amounts | null | undefined): string {
  const entries = Object.entries(amounts ?? {}).filter(([, n]) => Number.isFinite(n));
  if (entries.length === 0) return '—';
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, n]) => formatMoney(Math.round(n * 100) / 100, currency))
    .join(' · ');
}

/** Every currency used in some totals, sorted. */
export function currenciesOf(totals: Total[]): string[] {
  return [...new Set(totals.flatMap((x) => Object.keys(x.amounts)))].sort();
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (NaN if it is not one). */
export function dayNumber(iso: string | null | undefined): number {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000 : Number.NaN;
}

/** The quarter "YYYY-Qn" of a date. */
export function quarterOf(iso: string): string {
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Dates `days` after a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const d = new Date((dayNumber(iso) + days) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// ---- Polygons (ASM zones) ----

export type Ring = [number, number][];

/** The polygon of a zone as the officer sees it: Rust keeps it as JSON text. */
export function polygonText(value: GeoJsonGeometry | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 1);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 1);
}

/** What to send for the text typed: the geometry when it reads as JSON, else the text itself
 *  (Rust then says what is wrong with it), null when empty. */
export function polygonValue(text: string): GeoJsonGeometry | string | null {
  if (!text.trim()) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as GeoJsonGeometry) : text;
  } catch {
    return text;
  }
}

/** The outer rings of a valid Polygon or MultiPolygon (for the preview), or null. The rules
 *  are Rust's; this only decides whether there is something sensible to draw. */
export function polygonRings(value: GeoJsonGeometry | string | null | undefined): Ring[] | null {
  let geometry: unknown = value;
  if (typeof value === 'string') {
    try {
      geometry = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!geometry || typeof geometry !== 'object') return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : null;
  if (!polygons) return null;
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return null;
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) return null;
      const points: Ring = [];
      for (const p of ring) {
        if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
        if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return null;
        points.push([p[0], p[1]]);
      }
      const [first, last] = [points[0], points[points.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) return null;
      rings.push(points);
    }
  }
  return rings;
}

/** Names of the sites seen in searches, by id: records keep only a site's id. */
export const siteNames = new SvelteMap<string, string>();
