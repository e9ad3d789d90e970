// The Phase 3 half of the fake backend (see fakeBackend.ts): the plan, preparation items,
// progress log, M&E and licence-holder records kept with the Phase 1 ones, and small stand-ins
// for the Rust readers (crates/lode-store: plan, monitoring, trace, licences). The real rules live
// in Rust; this only does enough for the component tests and the preview. Dev-only, never shipped.
import type {
  ActionView,
  Amounts,
  Goal,
  Lang,
  LicenceDetail,
  Pilot,
  LicenceHolder,
  LicencePage,
  LicenceQuery,
  LicenceSummary,
  MonitoringView,
  PlanView,
  ProgressView,
  RecordKind,
  Total,
  Trace,
  UiError,
} from '../lib/api';
import { catalogue, has, message, uiError, type Fields, type Form, type Parser, type Phase1, type Rec } from './fakePhase1';
import type { Phase2 } from './fakePhase2';

const ACTION_STATUS = ['planned', 'in_progress', 'done', 'delayed', 'cancelled'];
const HOLDER_KINDS = ['individual', 'cooperative', 'company'];
const HOLDER_STATUS = ['applied', 'granted', 'suspended', 'expired', 'revoked'];
const COMPUTABLE = [
  'registered_miners',
  'pct_miners_formalised',
  'licensed_sites',
  'licensed_cooperatives',
  'mercury_used',
  'pct_sites_annex_c_worst_practice',
  'women_pct_workforce',
  'women_pct_licence_holders',
];
const RENEWAL_DAYS = 90;

/** May a licence go from `from` to `to` (as licences.rs may_change)? */
export function mayChange(from: string, to: string): boolean {
  const next: Record<string, string[]> = {
    applied: ['granted', 'revoked'],
    granted: ['suspended', 'expired', 'revoked'],
    suspended: ['granted', 'expired', 'revoked'],
    expired: ['granted', 'revoked'],
    revoked: [],
  };
  return from === to || (next[from] ?? []).includes(to);
}

/** The machine's today, as the UI's: expiries are relative to it. */
export function fakeToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
export function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

const live = (store: Phase1, ws: string, kind: string) => store.live(ws, kind as RecordKind);

/** An id of a live record of `kind`, or "" when empty. */
function optionalId(f: Form, store: Phase1, ws: string, kind: string, name: string): string {
  const id = f.text(name);
  if (id && !live(store, ws, kind).some((r) => r.id === id)) f.fail(name, 'invalid_choice');
  return id;
}
function ids(f: Form, store: Phase1, ws: string, kind: string, name: string): string[] {
  const known = new Set(live(store, ws, kind).map((r) => r.id));
  return f.codes(name, (id) => known.has(id));
}
function currency(f: Form, name: string, required: boolean): string {
  const code = f.text(name).toUpperCase();
  if ((required || code) && !/^[A-Z]{3}$/.test(code)) f.fail(name, code ? 'invalid_currency' : 'required');
  return code;
}
function period(f: Form, start: string, end: string, required: boolean): [string | null, string | null] {
  const s = f.date(start, required);
  const e = f.date(end, required);
  if (s && e && e < s) f.fail(end, 'end_before_start');
  return [s, e];
}
function folded(f: Form, name: string, options: string[], required: boolean): string {
  const value = f.text(name).toLowerCase();
  if (!value) {
    if (required) f.fail(name, 'required');
  } else if (!options.includes(value)) f.fail(name, 'invalid_choice');
  return value;
}
const orFirst = (value: string, options: string[]) => value || options[0];

/** Whether the dependencies of `id` lead back to it. */
function cycle(store: Phase1, ws: string, id: string | null, dependsOn: string[]): boolean {
  if (!id) return false;
  const deps = new Map(live(store, ws, 'plan_action').map((a) => [a.id, (a.dependsOn as string[]) ?? []]));
  deps.set(id, dependsOn);
  const stack = [...dependsOn];
  const seen = new Set<string>();
  while (stack.length) {
    const next = stack.pop()!;
    if (next === id) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(deps.get(next) ?? []));
  }
  return false;
}

/** What the polygon check of plan.rs says about a geometry ("" when it is valid). */
function polygonProblem(value: unknown): string {
  const g = value as { type?: unknown; coordinates?: unknown };
  const polygons = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : null;
  if (!polygons || polygons.some((p) => !Array.isArray(p) || p.length === 0)) return 'invalid_geojson';
  for (const rings of polygons as unknown[][]) {
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.some((p) => !Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number')) return 'invalid_geojson';
      const points = ring as number[][];
      const [a, b] = [points[0], points[points.length - 1]];
      if (points.length < 4 || a[0] !== b[0] || a[1] !== b[1]) return 'open_ring';
      if (points.some((p) => Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)) return 'out_of_range';
    }
  }
  return '';
}

const idKey = (s: unknown) => String(s ?? '').replace(/ /g, '').toLowerCase();
const nameKey = (s: unknown) => String(s ?? '').split(/\s+/).filter(Boolean).join(' ').toLowerCase();

/** Holders `fields` may duplicate (not `id` itself), with the fields they match on. */
function duplicatesOf(store: Phase1, ws: string, id: string | null, fields: Fields): { holder: Rec; on: ('nationalId' | 'name')[] }[] {
  const out: { holder: Rec; on: ('nationalId' | 'name')[] }[] = [];
  for (const h of live(store, ws, 'licence_holder')) {
    if (h.id === id) continue;
    const on: ('nationalId' | 'name')[] = [];
    if (idKey(fields.nationalId) && idKey(fields.nationalId) === idKey(h.nationalId)) on.push('nationalId');
    if (fields.birthDate && nameKey(fields.name) === nameKey(h.name) && fields.birthDate === h.birthDate) on.push('name');
    if (on.length) out.push({ holder: h, on });
  }
  return out;
}

const PARSE: Partial<Record<RecordKind, Parser>> = {
  plan_period: (f) => {
    const [startOn, endOn] = period(f, 'startOn', 'endOn', true);
    return { startOn: startOn ?? '', endOn: endOn ?? '', currency: currency(f, 'currency', false) };
  },
  plan_action: (f, ws, store, id) => {
    const title = f.name('title');
    const instrument = f.code('instrument', has('instruments'), false);
    const [startOn, endOn] = period(f, 'startOn', 'endOn', true);
    const dependsOn = ids(f, store, ws, 'plan_action', 'dependsOn');
    if (id && dependsOn.includes(id)) f.fail('dependsOn', 'invalid_choice');
    else if (cycle(store, ws, id, dependsOn)) f.fail('dependsOn', 'cycle');
    const budget: { amount: number; currency: string; year: number }[] = [];
    f.rows('budget').forEach((row, i) => {
      const amount = typeof row.amount === 'number' ? row.amount : null;
      const code = String(row.currency ?? '').trim().toUpperCase();
      const year = typeof row.year === 'number' ? row.year : null;
      if (amount === null) f.fail(`budget-amount-${i}`, 'required');
      else if (amount < 0) f.fail(`budget-amount-${i}`, 'negative');
      if (!/^[A-Z]{3}$/.test(code)) f.fail(`budget-currency-${i}`, 'invalid_currency');
      if (year === null) f.fail(`budget-year-${i}`, 'required');
      else if (!Number.isInteger(year) || year < 2000 || year > 2100) f.fail(`budget-year-${i}`, 'out_of_range');
      budget.push({ amount: amount ?? 0, currency: code, year: year ?? 0 });
    });
    return {
      title,
      instrument,
      typeIds: ids(f, store, ws, 'asm_type', 'typeIds'),
      regions: f.codes('regions', () => true),
      departmentId: optionalId(f, store, ws, 'task_force_member', 'departmentId'),
      partnerIds: ids(f, store, ws, 'partner', 'partnerIds'),
      fundingPartnerId: optionalId(f, store, ws, 'partner', 'fundingPartnerId'),
      startOn: startOn ?? '',
      endOn: endOn ?? '',
      dependsOn,
      budget,
      status: orFirst(f.choice('status', ACTION_STATUS, false), ACTION_STATUS),
      notes: f.text('notes'),
    };
  },
  capacity_building: (f, ws, store) => ({
    agency: f.code('agency', has('agencies'), false),
    skill: f.name('skill'),
    trainees: f.count('trainees'),
    capacityCellId: optionalId(f, store, ws, 'capacity_cell', 'capacityCellId'),
    actionId: optionalId(f, store, ws, 'plan_action', 'actionId'),
    startOn: f.date('startOn', false),
    status: orFirst(f.choice('status', ['planned', 'in_progress', 'done'], false), ['planned']),
  }),
  legal_reform: (f) => ({
    instrument: f.name('instrument'),
    provision: f.text('provision'),
    change: f.name('change'),
    status: orFirst(f.choice('status', ['proposed', 'drafted', 'adopted', 'in_force'], false), ['proposed']),
  }),
  outreach_campaign: (f, ws, store) => ({
    audience: f.name('audience'),
    channel: f.choice('channel', ['radio', 'community_meetings', 'sms', 'posters', 'television', 'social_media', 'extension_visits'], true),
    language: f.text('language'),
    message: f.name('message'),
    actionId: optionalId(f, store, ws, 'plan_action', 'actionId'),
    startOn: f.date('startOn', false),
  }),
  pilot: (f, ws, store) => {
    const siteId = optionalId(f, store, ws, 'site', 'siteId');
    const intervention = f.code('intervention', has('instruments'), true);
    const hypothesis = f.name('hypothesis');
    const [startOn, endOn] = period(f, 'startOn', 'endOn', false);
    return { siteId, intervention, hypothesis, metrics: f.text('metrics'), startOn, endOn, status: orFirst(f.choice('status', ['planned', 'running', 'evaluated'], false), ['planned']) };
  },
  asm_zone: (f, ws, store, _id) => {
    const name = f.name('name');
    let polygon: string | null = null;
    const raw = (f as unknown as { fields: Fields }).fields.polygon;
    if (raw !== null && raw !== undefined && !(typeof raw === 'string' && !raw.trim())) {
      let value: unknown = raw;
      if (typeof raw === 'string') {
        try {
          value = JSON.parse(raw);
        } catch {
          value = null;
        }
      }
      const problem = value === null ? 'invalid_geojson' : polygonProblem(value);
      if (problem) f.fail('polygon', problem);
      else polygon = JSON.stringify(value);
    }
    return { name, polygon, geologyNotes: f.text('geologyNotes'), allocationRules: f.text('allocationRules'), typeIds: ids(f, store, ws, 'asm_type', 'typeIds') };
  },
  progress_entry: (f, ws, store) => {
    const actionId = optionalId(f, store, ws, 'plan_action', 'actionId');
    if (!actionId) f.fail('actionId', 'required');
    const text = f.text('period').toUpperCase();
    if (!text) f.fail('period', 'required');
    else if (!/^(20\d\d|2100)-Q[1-4]$/.test(text)) f.fail('period', 'invalid_quarter');
    const spend = f.number('spend', 0, 1e15);
    return {
      actionId,
      period: text,
      outputs: f.text('outputs'),
      spend,
      currency: currency(f, 'currency', spend !== null),
      issues: f.text('issues'),
      status: f.choice('status', ['on_track', 'delayed', 'blocked', 'done'], true),
    };
  },
  adopted_indicator: (f, ws, store, id) => {
    const indicator = f.code('indicator', has('indicators'), true);
    if (indicator && live(store, ws, 'adopted_indicator').some((r) => r.id !== id && r.indicator === indicator)) f.fail('indicator', 'already_adopted');
    return {
      indicator,
      goalIds: ids(f, store, ws, 'strategy_goal', 'goalIds'),
      techniques: f.codes('techniques', has('techniques')),
      actionIds: ids(f, store, ws, 'plan_action', 'actionIds'),
      baseline: f.number('baseline', -1e15, 1e15),
      target: f.number('target', -1e15, 1e15),
      baselineOn: f.date('baselineOn', false),
      targetOn: f.date('targetOn', false),
      owner: f.text('owner'),
      notes: f.text('notes'),
    };
  },
  measurement: (f, ws, store) => {
    const indicatorId = optionalId(f, store, ws, 'adopted_indicator', 'indicatorId');
    if (!indicatorId) f.fail('indicatorId', 'required');
    const adopted = live(store, ws, 'adopted_indicator').find((r) => r.id === indicatorId);
    const internal = (f as unknown as { fields: Fields }).fields.__computed === true;
    if (adopted && COMPUTABLE.includes(String(adopted.indicator)) && !internal) f.fail('value', 'computed');
    const value = f.number('value', -1e15, 1e15);
    if (value === null && !(adopted && COMPUTABLE.includes(String(adopted.indicator)))) f.fail('value', 'required');
    return {
      indicatorId,
      on: f.date('on', true) ?? '',
      value: value ?? 0,
      female: f.number('female', 0, 1e15),
      male: f.number('male', 0, 1e15),
      source: f.text('source'),
      notes: f.text('notes'),
    };
  },
  review: (f, ws, store) => {
    const actions = new Set(live(store, ws, 'plan_action').map((a) => a.id));
    const adjustments = f.rows('adjustments').map((row, i) => {
      const description = String(row.description ?? '').trim();
      if (!description) f.fail(`adjustments-description-${i}`, 'required');
      const actionId = String(row.actionId ?? '');
      if (actionId && !actions.has(actionId)) f.fail(`adjustments-action-${i}`, 'invalid_choice');
      const version = typeof row.strategyVersion === 'number' ? row.strategyVersion : null;
      return { description, strategyVersion: version, actionId };
    });
    return { heldOn: f.date('heldOn', true) ?? '', period: f.text('period'), findings: f.name('findings'), adjustments, nextOn: f.date('nextOn', false) };
  },
  licence_holder: (f, ws, store, id) => {
    const holderKind = folded(f, 'holderKind', HOLDER_KINDS, true);
    const person = holderKind !== 'cooperative' && holderKind !== 'company';
    const name = f.name('name');
    const nationalId = f.text('nationalId').split(/\s+/).filter(Boolean).join(' ');
    const birthDate = person ? f.date('birthDate', false) : null;
    const sex = person ? folded(f, 'sex', ['female', 'male', 'unknown'], false) : '';
    const licenceType = f.code('licenceType', has('licence_types'), true);
    const licenceNumber = f.text('licenceNumber');
    const siteId = optionalId(f, store, ws, 'site', 'siteId');
    const zoneId = optionalId(f, store, ws, 'asm_zone', 'zoneId');
    const commodity = f.code('commodity', has('commodities'), false);
    const [issuedOn, expiresOn] = period(f, 'issuedOn', 'expiresOn', false);
    const status = folded(f, 'status', HOLDER_STATUS, true);
    const acceptDuplicate = f.flag('acceptDuplicate');
    const stored = id ? live(store, ws, 'licence_holder').find((r) => r.id === id) : undefined;
    if (stored && HOLDER_STATUS.includes(status) && !mayChange(String(stored.status), status)) f.fail('status', 'illegal_transition');
    if (!acceptDuplicate) {
      const fields = { nationalId, name, birthDate };
      const idChanged = !stored || idKey(stored.nationalId) !== idKey(nationalId);
      const personChanged = !stored || nameKey(stored.name) !== nameKey(name) || stored.birthDate !== birthDate;
      const found = duplicatesOf(store, ws, id, fields).flatMap((d) => d.on);
      if (idChanged && found.includes('nationalId')) f.fail('nationalId', 'possible_duplicate');
      if (personChanged && found.includes('name')) f.fail('name', 'possible_duplicate');
    }
    return { holderKind, name, nationalId, birthDate, sex, licenceType, licenceNumber, siteId, zoneId, commodity, issuedOn, expiresOn, status, acceptDuplicate };
  },
};

interface HistoryRow {
  from: string | null;
  to: string;
  on: number;
  by: string;
}

export class Phase3 {
  private history = new Map<string, HistoryRow[]>();

  constructor(
    private p1: Phase1,
    private p2: Phase2,
    private now: () => number,
    private lang: () => Lang,
    private officer: () => string,
  ) {
    p1.parsers = { ...p1.parsers, ...PARSE };
    p1.singletons.push('plan_period');
    const afterSave = p1.afterSave;
    p1.afterSave = (ws, rec, previous) => {
      afterSave(ws, rec, previous);
      if (rec.kind !== 'licence_holder') return;
      if (previous && previous.status === rec.status) return;
      const rows = this.history.get(rec.id) ?? [];
      rows.push({ from: previous ? String(previous.status) : null, to: String(rec.status), on: this.now(), by: this.officer() });
      this.history.set(rec.id, rows);
    };
  }

  private out<T>(r: Rec): T {
    return this.p1.out(r) as unknown as T;
  }

  // ---- get_plan ----

  plan(ws: string): PlanView {
    const lang = this.lang();
    const periodRec = live(this.p1, ws, 'plan_period')[0];
    const members = new Map(live(this.p1, ws, 'task_force_member').map((m) => [m.id, m]));
    const partners = new Map(live(this.p1, ws, 'partner').map((p) => [p.id, p]));
    const types = new Map(live(this.p1, ws, 'asm_type').map((t) => [t.id, String(t.name)]));
    const none = message(lang, 'plan.none');
    const government = message(lang, 'plan.government_budget');
    const department = (id: string) => {
      const m = members.get(id);
      if (!m) return none;
      const agency = catalogue(lang, 'agencies').find((e) => e.code === m.agency)?.label ?? String(m.agency);
      return m.department ? `${agency} · ${m.department}` : agency;
    };
    const funding = (id: string) => (partners.get(id) ? String(partners.get(id)!.organisation) : government);
    const totals = { byYear: new Map<string, Amounts>(), byType: new Map<string, Amounts>(), byDepartment: new Map<string, Amounts>(), byFunding: new Map<string, Amounts>() };
    const add = (map: Map<string, Amounts>, key: string, currency: string, amount: number) => {
      const a = map.get(key) ?? {};
      a[currency] = (a[currency] ?? 0) + amount;
      map.set(key, a);
    };
    const actions = live(this.p1, ws, 'plan_action').sort(
      (a, b) => String(a.startOn).localeCompare(String(b.startOn)) || String(a.title).localeCompare(String(b.title)) || a.id.localeCompare(b.id),
    );
    const views: ActionView[] = actions.map((a) => {
      const budget = a.budget as { amount: number; currency: string; year: number }[];
      const typeIds = a.typeIds as string[];
      const budgetTotal: Amounts = {};
      for (const line of budget) {
        budgetTotal[line.currency] = (budgetTotal[line.currency] ?? 0) + line.amount;
        add(totals.byYear, String(line.year), line.currency, line.amount);
        add(totals.byDepartment, String(a.departmentId), line.currency, line.amount);
        add(totals.byFunding, String(a.fundingPartnerId), line.currency, line.amount);
        if (typeIds.length === 0) add(totals.byType, '', line.currency, line.amount);
        for (const t of typeIds) add(totals.byType, t, line.currency, line.amount / typeIds.length);
      }
      const warnings: ActionView['warnings'] = [];
      if (!a.departmentId) warnings.push('no_owner');
      if (!budget.some((l) => l.amount > 0)) warnings.push('no_budget');
      if (periodRec && (String(a.startOn) < String(periodRec.startOn) || String(a.endOn) > String(periodRec.endOn))) warnings.push('outside_period');
      return {
        ...this.out<ActionView>(a),
        departmentLabel: department(String(a.departmentId)),
        fundingLabel: funding(String(a.fundingPartnerId)),
        typeNames: typeIds.map((t) => types.get(t)).filter((n): n is string => !!n),
        budgetTotal,
        warnings,
      };
    });
    const labelled = (map: Map<string, Amounts>, label: (key: string) => string): Total[] =>
      [...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, amounts]) => ({ key, label: label(key), amounts }));
    const all = <T>(kind: string) => live(this.p1, ws, kind).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map((r) => this.out<T>(r));
    return {
      period: periodRec ? this.out<PlanView['period']>(periodRec) : null,
      actions: views,
      totals: {
        byYear: labelled(totals.byYear, (k) => k),
        byType: labelled(totals.byType, (k) => types.get(k) ?? none),
        byDepartment: labelled(totals.byDepartment, department),
        byFunding: labelled(totals.byFunding, funding),
      },
      preparation: {
        capacityBuilding: all('capacity_building'),
        legalReforms: all('legal_reform'),
        outreach: all('outreach_campaign'),
        pilots: all<Pilot>('pilot').map((p) => ({ ...p, siteName: this.siteName(ws, p.siteId) })),
        zones: all('asm_zone'),
      },
      interventions: catalogue(lang, 'instruments')
        .filter((e) => e.guidance_intervention === true)
        .map((e) => {
          const count = views.filter((a) => a.instrument === e.code).length;
          return { code: e.code, label: e.label, covered: count > 0, actions: count };
        }),
      licenceTypes: catalogue(lang, 'licence_types')
        .map((e) => e.code)
        .filter((code) => live(this.p1, ws, 'type_strategy').some((s) => s.licenceType === code)),
    };
  }

  // ---- get_progress ----

  progress(ws: string): ProgressView {
    const entries = live(this.p1, ws, 'progress_entry').sort((a, b) => String(b.period).localeCompare(String(a.period)) || b.createdAt - a.createdAt);
    const byAction = new Map<string, ProgressView['byAction'][number]>();
    for (const e of [...entries].reverse()) {
      const id = String(e.actionId);
      const row = byAction.get(id) ?? { actionId: id, spend: {}, lastStatus: '', lastPeriod: '' };
      if (e.spend !== null) row.spend[String(e.currency)] = (row.spend[String(e.currency)] ?? 0) + (e.spend as number);
      row.lastStatus = e.status as ProgressView['byAction'][number]['lastStatus'];
      row.lastPeriod = String(e.period);
      byAction.set(id, row);
    }
    return { entries: entries.map((r) => this.out(r)), byAction: [...byAction.values()] };
  }

  // ---- get_monitoring and record_computed_measurement ----

  private compute(ws: string, code: string): number | null {
    const sites = live(this.p1, ws, 'site');
    const holders = live(this.p1, ws, 'licence_holder').filter((h) => h.status === 'granted');
    const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);
    const individuals = holders.filter((h) => h.holderKind === 'individual').length;
    const miners = sites.reduce((n, s) => n + (s.minersFemale as number) + (s.minersMale as number), 0);
    switch (code) {
      case 'registered_miners':
        return individuals;
      case 'pct_miners_formalised':
        return percent(individuals, miners);
      case 'licensed_sites':
        return sites.filter((s) => s.legalStatus === 'licensed').length;
      case 'licensed_cooperatives':
        return holders.filter((h) => h.holderKind === 'cooperative').length;
      case 'mercury_used':
        return sites.reduce((n, s) => {
          const [lo, hi] = [s.mercuryKgLow as number | null, s.mercuryKgHigh as number | null];
          return n + ((lo ?? hi ?? 0) + (hi ?? lo ?? 0)) / 2;
        }, 0);
      case 'pct_sites_annex_c_worst_practice': {
        const worst = catalogue('en', 'techniques').filter((t) => t.source === 'minamata_annex_c').map((t) => t.code);
        return percent(sites.filter((s) => (s.techniques as string[]).some((t) => worst.includes(t))).length, sites.length);
      }
      case 'women_pct_workforce':
        return percent(sites.reduce((n, s) => n + (s.minersFemale as number), 0), miners);
      case 'women_pct_licence_holders':
        return percent(holders.filter((h) => h.holderKind === 'individual' && h.sex === 'female').length, individuals);
      default:
        return null;
    }
  }

  monitoring(ws: string): MonitoringView {
    const lang = this.lang();
    const library = catalogue(lang, 'indicators').map((e) => ({
      code: e.code,
      label: e.label,
      theme: String(e.theme ?? ''),
      unit: String(e.unit ?? ''),
      disaggregation: (e.disaggregation as string[] | undefined) ?? [],
      frequency: String(e.frequency ?? ''),
      sourceNote: String(e.source_note ?? ''),
      description: String(e.description ?? ''),
      computable: COMPUTABLE.includes(e.code),
    }));
    const measurements = live(this.p1, ws, 'measurement');
    const adopted = live(this.p1, ws, 'adopted_indicator')
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((a) => {
        const entry = library.find((e) => e.code === a.indicator);
        const own = measurements.filter((m) => m.indicatorId === a.id).sort((x, y) => String(x.on).localeCompare(String(y.on)) || x.createdAt - y.createdAt);
        const latest = own.at(-1)?.value as number | undefined;
        const [baseline, target] = [a.baseline as number | null, a.target as number | null];
        const progress = baseline !== null && target !== null && latest !== undefined && target !== baseline ? Math.max(0, (latest - baseline) / (target - baseline)) : null;
        const computable = COMPUTABLE.includes(String(a.indicator));
        return {
          indicator: this.out<MonitoringView['adopted'][number]['indicator']>(a),
          label: entry?.label ?? '',
          unit: entry?.unit ?? '',
          computable,
          current: computable ? this.compute(ws, String(a.indicator)) : null,
          measurements: own.map((m) => this.out<MonitoringView['adopted'][number]['measurements'][number]>(m)),
          progress,
        };
      });
    const reviews = live(this.p1, ws, 'review')
      .sort((a, b) => String(b.heldOn).localeCompare(String(a.heldOn)) || a.id.localeCompare(b.id))
      .map((r) => this.out<MonitoringView['reviews'][number]>(r));
    return { library, adopted, reviews };
  }

  recordComputed(ws: string, indicatorId: string, on: string): { id: string } {
    const adopted = live(this.p1, ws, 'adopted_indicator').find((a) => a.id === indicatorId);
    if (!adopted) throw uiError(this.lang(), 'store.not_found', 'store.not_found', { what: message(this.lang(), 'what.adopted_indicator') }, indicatorId);
    const fail = (field: string, code: string): UiError => this.p1.validation([{ field, code }]);
    if (!COMPUTABLE.includes(String(adopted.indicator))) throw fail('indicatorId', 'not_computable');
    const value = this.compute(ws, String(adopted.indicator));
    if (value === null) throw fail('value', 'nothing_to_compute');
    return this.p1.save(ws, 'measurement', null, { indicatorId, on, value, source: message(this.lang(), 'monitoring.computed_source'), __computed: true });
  }

  // ---- get_trace ----

  trace(ws: string, goalId: string | null, actionId: string | null): Trace {
    const lang = this.lang();
    if ((goalId === null) === (actionId === null)) throw uiError(lang, 'trace.needs_one_start', 'trace.needs_one_start');
    const measures = live(this.p1, ws, 'strategy_measure');
    const actions = live(this.p1, ws, 'plan_action');
    const carries = (a: Rec, m: Rec) => a.instrument === m.instrument && ((a.typeIds as string[]).length === 0 || (a.typeIds as string[]).includes(String(m.typeId)));
    let goalIds: string[];
    let chosenMeasures: Rec[];
    let chosenActions: Rec[];
    if (goalId) {
      this.p1.find(ws, 'strategy_goal', goalId);
      chosenMeasures = measures.filter((m) => (m.goals as string[]).includes(goalId));
      chosenActions = actions.filter((a) => chosenMeasures.some((m) => carries(a, m)));
      goalIds = [goalId];
    } else {
      const action = this.p1.find(ws, 'plan_action', actionId!);
      chosenMeasures = measures.filter((m) => carries(action, m));
      goalIds = [...new Set(chosenMeasures.flatMap((m) => m.goals as string[]))];
      chosenActions = [action];
    }
    const goals = live(this.p1, ws, 'strategy_goal').filter((g) => goalIds.includes(g.id));
    const issueIds = new Set(goals.flatMap((g) => g.issues as string[]));
    const issues = this.p2.vision(ws).issues.filter((i) => issueIds.has(i.id));
    const forumIds = new Set(issues.flatMap((i) => i.evidenceLabels.filter((e) => e.kind === 'consultation_event').map((e) => e.id)));
    const types = new Map(live(this.p1, ws, 'asm_type').map((t) => [t.id, String(t.name)]));
    const actionIds = new Set(chosenActions.map((a) => a.id));
    return {
      goals: goals.map((g) => this.out<Goal>(g)),
      issues: issues.map((i) => ({ id: i.id, description: i.description, evidence: i.evidenceLabels })),
      measures: chosenMeasures.map((m) => ({ id: m.id, instrument: String(m.instrument), typeId: String(m.typeId), typeName: types.get(String(m.typeId)) ?? '', action: m.action as Trace['measures'][number]['action'] })),
      actions: chosenActions.map((a) => ({ id: a.id, title: String(a.title), status: a.status as Trace['actions'][number]['status'] })),
      indicators: live(this.p1, ws, 'adopted_indicator')
        .filter((i) => (i.goalIds as string[]).some((g) => goalIds.includes(g)) || (i.actionIds as string[]).some((a) => actionIds.has(a)))
        .map((i) => ({ id: i.id, indicator: String(i.indicator), label: catalogue(lang, 'indicators').find((e) => e.code === i.indicator)?.label ?? String(i.indicator) })),
      forumInput: live(this.p1, ws, 'consultation_event')
        .filter((e) => forumIds.has(e.id))
        .map((e) => ({ id: e.id, heldOn: String(e.heldOn), place: String(e.place), issuesRaised: String(e.issuesRaised) })),
    };
  }

  // ---- The licence registry ----

  listHolders(ws: string, q: Partial<LicenceQuery>): LicencePage {
    const text = (q.text ?? '').trim().toLowerCase();
    const today = fakeToday();
    const until = q.expiringWithinDays === null || q.expiringWithinDays === undefined ? null : plusDays(today, q.expiringWithinDays);
    const rows = live(this.p1, ws, 'licence_holder').filter(
      (h) =>
        (!text || [h.name, h.nationalId, h.licenceNumber].some((v) => String(v).toLowerCase().includes(text)) || idKey(h.nationalId).includes(idKey(text))) &&
        (!q.status || h.status === q.status) &&
        (!q.licenceType || h.licenceType === q.licenceType) &&
        (!q.commodity || h.commodity === q.commodity) &&
        (until === null || (h.status === 'granted' && !!h.expiresOn && String(h.expiresOn) >= today && String(h.expiresOn) <= until)),
    );
    const sort = ['expiresOn', 'issuedOn', 'status', 'licenceType'].includes(q.sort ?? '') ? (q.sort as string) : 'name';
    const key = (h: Rec) => (sort === 'status' ? HOLDER_STATUS.indexOf(String(h.status)) : String(h[sort] ?? '').toLowerCase());
    const dir = q.descending ? -1 : 1;
    rows.sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      return (ka < kb ? -1 : ka > kb ? 1 : 0) * dir || String(a.name).localeCompare(String(b.name)) || a.id.localeCompare(b.id);
    });
    const limit = Math.min(500, Math.max(1, q.limit ?? 100));
    const offset = Math.max(0, q.offset ?? 0);
    return { total: rows.length, rows: rows.slice(offset, offset + limit).map((r) => this.out<LicenceHolder>(r)) };
  }

  /** The name of a live site of the workspace, "" when none. */
  siteName(ws: string, id: unknown): string {
    const site = id ? live(this.p1, ws, 'site').find((s) => s.id === id) : undefined;
    return site ? String(site.name) : '';
  }

  holder(ws: string, id: string): LicenceDetail {
    const h = this.p1.find(ws, 'licence_holder', id);
    return {
      holder: this.out<LicenceHolder>(h),
      siteName: this.siteName(ws, String(h.siteId ?? '')),
      history: (this.history.get(id) ?? []).map((r) => ({ ...r })) as LicenceDetail['history'],
      duplicates: duplicatesOf(this.p1, ws, id, h).map((d) => this.out<LicenceHolder>(d.holder)),
    };
  }

  checkDuplicates(ws: string, id: string | null, fields: Fields): LicenceHolder[] {
    const stored = id ? live(this.p1, ws, 'licence_holder').find((r) => r.id === id) : undefined;
    const person = fields.holderKind !== 'cooperative' && fields.holderKind !== 'company';
    const probe = { nationalId: String(fields.nationalId ?? '').trim(), name: String(fields.name ?? ''), birthDate: person ? (fields.birthDate ?? null) : null };
    const idChanged = !stored || idKey(stored.nationalId) !== idKey(probe.nationalId);
    const personChanged = !stored || nameKey(stored.name) !== nameKey(probe.name) || stored.birthDate !== probe.birthDate;
    return duplicatesOf(this.p1, ws, id, probe)
      .filter((d) => (idChanged && d.on.includes('nationalId')) || (personChanged && d.on.includes('name')))
      .map((d) => this.out<LicenceHolder>(d.holder));
  }

  summary(ws: string, today: string | null): LicenceSummary {
    const day = today ?? fakeToday();
    const holders = live(this.p1, ws, 'licence_holder');
    const until = plusDays(day, RENEWAL_DAYS);
    const due = holders
      .filter((h) => h.status === 'granted' && h.expiresOn && String(h.expiresOn) >= day && String(h.expiresOn) <= until)
      .sort((a, b) => String(a.expiresOn).localeCompare(String(b.expiresOn)));
    return {
      byStatus: HOLDER_STATUS.map((status) => ({ status: status as LicenceSummary['byStatus'][number]['status'], count: holders.filter((h) => h.status === status).length })),
      renewalsDue: { count: due.length, rows: due.slice(0, 20).map((r) => this.out<LicenceHolder>(r)) },
    };
  }
}

/** A small plan for the demo workspace: a period, four actions (one without a department, one
 *  without budget and outside the period), preparation items, licence holders (one due for
 *  renewal), two adopted indicators (one computed by Lode) and a review. */
export function seedPhase3(p: Phase1, ws: string, lang: Lang): void {
  const L = (en: string, fr: string) => (lang === 'fr' ? fr : en);
  const save = (kind: string, fields: Fields) => p.save(ws, kind, null, fields).id;
  const member = (agency: string) => p.live(ws, 'task_force_member').find((m) => m.agency === agency)?.id ?? '';
  const partner = p.live(ws, 'partner')[0]?.id ?? '';
  save('plan_period', { startOn: '2026-01-01', endOn: '2028-12-31', currency: 'USD' });
  const window = save('plan_action', {
    title: L('Open a one-stop licensing window in Lwanga town', 'Ouvrir un guichet unique des permis à Lwanga'),
    instrument: 'one_stop_licensing_window',
    departmentId: member('mines'),
    startOn: '2026-03-01',
    endOn: '2027-06-30',
    budget: [
      { amount: 40000, currency: 'USD', year: 2026 },
      { amount: 15000, currency: 'USD', year: 2027 },
    ],
    status: 'in_progress',
    regions: ['Mbeli', 'Kasoro'],
  });
  save('plan_action', {
    title: L('Miner ID drive in Mbeli and Kasoro', 'Campagne d’identification des mineurs à Mbeli et Kasoro'),
    instrument: 'miner_id_drive',
    departmentId: member('mines'),
    fundingPartnerId: partner,
    partnerIds: partner ? [partner] : [],
    startOn: '2026-05-01',
    endOn: '2026-12-31',
    budget: [{ amount: 25000, currency: 'USD', year: 2026 }],
    status: 'done',
  });
  const centre = save('plan_action', {
    title: L('Mercury-free processing centre at Kalima', 'Centre de traitement sans mercure à Kalima'),
    instrument: 'clean_processing_demonstration_plants',
    startOn: '2027-01-01',
    endOn: '2028-06-30',
    dependsOn: [window],
    budget: [
      { amount: 120000, currency: 'USD', year: 2027 },
      { amount: 60000, currency: 'USD', year: 2028 },
    ],
    status: 'planned',
  });
  save('plan_action', {
    title: L('Radio campaign on the new permits', 'Campagne radio sur les nouveaux permis'),
    instrument: 'education_training',
    departmentId: member('environment') || member('mines'),
    startOn: '2026-09-01',
    endOn: '2029-03-31',
    status: 'planned',
  });
  const cell = p.live(ws, 'capacity_cell').sort((a, b) => (a.score as number) - (b.score as number))[0]?.id ?? '';
  save('capacity_building', { agency: 'mines', skill: L('Inspecting processing sites for mercury use', 'Inspecter les sites de traitement pour l’usage du mercure'), trainees: 24, capacityCellId: cell, actionId: centre, startOn: '2027-02-01', status: 'planned' });
  save('legal_reform', { instrument: L('Mining Code', 'Code minier'), provision: L('Article 109', 'Article 109'), change: L('Create an artisanal permit valid two years, renewable.', 'Créer un permis artisanal valable deux ans, renouvelable.'), status: 'drafted' });
  save('outreach_campaign', { audience: message(lang, 'demo.p3.outreach_audience'), channel: 'radio', language: 'Swahili', message: message(lang, 'demo.p3.outreach_message'), actionId: window, startOn: '2026-04-01' });
  const site = p.live(ws, 'site')[0]?.id ?? '';
  save('pilot', { siteId: site, intervention: 'mercury_free_processing_centres', hypothesis: message(lang, 'demo.p3.pilot_hypothesis'), metrics: message(lang, 'demo.p3.pilot_metrics'), startOn: '2027-01-01', endOn: '2027-12-31', status: 'planned' });
  const zone = save('asm_zone', {
    name: message(lang, 'demo.p3.zone'),
    polygon: { type: 'Polygon', coordinates: [[[28.8, -2.52], [28.86, -2.5], [28.9, -2.44], [28.84, -2.4], [28.79, -2.45], [28.8, -2.52]]] },
    geologyNotes: message(lang, 'demo.p3.zone_geology'),
    allocationRules: message(lang, 'demo.p3.zone_rules'),
  });
  const today = fakeToday();
  const holders: Fields[] = [
    { holderKind: 'individual', name: 'Esther Bahati', nationalId: 'LW-77-1204', birthDate: '1977-04-12', sex: 'female', licenceType: 'artisanal_permit', licenceNumber: 'AP-2026-001', commodity: 'gold', issuedOn: '2026-02-01', expiresOn: plusDays(today, 30), status: 'granted', zoneId: zone },
    { holderKind: 'individual', name: 'Joseph Kalume', nationalId: 'LW-81-0932', birthDate: '1981-09-30', sex: 'male', licenceType: 'artisanal_permit', licenceNumber: 'AP-2026-002', commodity: 'gold', issuedOn: '2026-03-15', expiresOn: plusDays(today, 400), status: 'granted' },
    { holderKind: 'cooperative', name: 'Coopérative minière de Kasoro', nationalId: 'COOP-0042', licenceType: 'cooperative_licence', licenceNumber: 'CL-2025-007', commodity: 'gold', issuedOn: '2025-06-01', expiresOn: '2028-05-31', status: 'granted' },
    { holderKind: 'individual', name: 'Grace Nabintu', nationalId: 'LW-90-4410', birthDate: '1990-01-05', sex: 'female', licenceType: 'artisanal_permit', status: 'applied', commodity: 'tin' },
    { holderKind: 'company', name: 'Tandala Sands Ltd', nationalId: 'RC-2019-558', licenceType: 'development_minerals_licence', licenceNumber: 'DM-2024-019', commodity: 'construction_materials', issuedOn: '2024-03-01', expiresOn: '2025-02-28', status: 'expired' },
    { holderKind: 'individual', name: 'Patrick Mwenge', nationalId: 'LW-85-2201', birthDate: '1985-07-21', sex: 'male', licenceType: 'trader_licence', licenceNumber: 'TR-2025-003', commodity: 'gold', issuedOn: '2025-01-10', expiresOn: '2026-01-09', status: 'revoked' },
  ];
  for (const h of holders) save('licence_holder', h);
  const trained = save('adopted_indicator', { indicator: 'miners_trained', baseline: 0, baselineOn: '2026-01-01', target: 600, targetOn: '2028-12-31', owner: message(lang, 'demo.p3.indicator_owner'), actionIds: [window] });
  [['2026-03-31', 40], ['2026-06-30', 95], ['2026-09-30', 160], ['2026-12-31', 210]].forEach(([on, value]) =>
    save('measurement', { indicatorId: trained, on, value, female: Math.round((value as number) * 0.3), male: Math.round((value as number) * 0.7), source: message(lang, 'demo.p3.measure_source') }),
  );
  save('adopted_indicator', { indicator: 'licensed_sites', baseline: 0, baselineOn: '2026-01-01', target: 60, targetOn: '2028-12-31', owner: message(lang, 'demo.p3.indicator_owner') });
  save('review', {
    heldOn: '2026-12-10',
    period: '2026',
    findings: message(lang, 'demo.p3.review_findings'),
    adjustments: [
      { description: message(lang, 'demo.p3.review_adjust1'), strategyVersion: null, actionId: window },
      { description: message(lang, 'demo.p3.review_adjust2'), strategyVersion: 2, actionId: '' },
    ],
    nextOn: '2027-06-15',
  });
}
