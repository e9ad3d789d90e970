// The Phase 1 half of the fake backend (see fakeBackend.ts): records kept in memory, read and
// validated the way the Rust side does (crates/lode-store: kinds, task_force, forum, site,
// context, partner, import), with the real reference lists and field messages from assets/.
// Dev-only: used by the preview build and the component tests, never shipped.
import type {
  Breakdown,
  CatalogueEntry,
  Catalogues,
  Context,
  FieldError,
  Forum,
  ImportKind,
  ImportPreview,
  Lang,
  Miners,
  Overview,
  RecordKind,
  SitePage,
  SiteQuery,
  StepId,
  TaskForce,
  UiError,
} from '../lib/api';
import enMessages from '../../../assets/i18n/en/messages.json';
import frMessages from '../../../assets/i18n/fr/messages.json';

const files = import.meta.glob<CatalogueEntry[]>('../../../assets/catalogues/*/*.json', { eager: true, import: 'default' });
const MESSAGES: Record<Lang, Record<string, string>> = { en: enMessages, fr: frMessages };

export function catalogue(lang: Lang, list: string): CatalogueEntry[] {
  return files[`../../../assets/catalogues/${lang}/${list}.json`] ?? [];
}

export function allCatalogues(lang: Lang): Catalogues {
  const out: Record<string, CatalogueEntry[]> = {};
  for (const path of Object.keys(files)) {
    const m = path.match(/catalogues\/(\w+)\/(\w+)\.json$/);
    if (m && m[1] === lang) out[m[2]] = files[path];
  }
  return out as Catalogues;
}

export const has = (list: string) => (code: string) => catalogue('en', list).some((e) => e.code === code);

export function message(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function fieldMessage(lang: Lang, field: string, code: string): string {
  const specific = `validation.${field}.${code}`;
  return specific in MESSAGES.en ? message(lang, specific) : message(lang, `validation.${code}`);
}

export function uiError(lang: Lang, code: string, key: string, params: Record<string, string | number> = {}, record: string | null = null): UiError {
  return { code, message: message(lang, key, params), record, fields: [] };
}

// ---- Reading fields as Rust's lode_core::form::Form does ----

export type Fields = Record<string, unknown>;

export class Form {
  errors: { field: string; code: string }[] = [];
  constructor(private fields: Fields) {}

  private get(name: string): unknown {
    const v = this.fields[name];
    return v === null || v === undefined ? undefined : v;
  }
  has(name: string): boolean {
    const v = this.get(name);
    return v !== undefined && !(typeof v === 'string' && v.trim() === '');
  }
  fail(name: string, code: string) {
    this.errors.push({ field: name, code });
  }
  text(name: string): string {
    const v = this.get(name);
    if (v === undefined) return '';
    if (typeof v === 'string') return v.trim();
    if (typeof v === 'number') return String(v);
    this.fail(name, 'invalid_type');
    return '';
  }
  name(name: string): string {
    const text = this.text(name);
    if (!text) this.fail(name, 'required');
    return text;
  }
  number(name: string, min: number, max: number): number | null {
    const v = this.get(name);
    if (v === undefined) return null;
    let n: number | null = null;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string') {
      if (v.trim() === '') return null;
      const s = v.trim().replace(',', '.');
      n = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : null;
    }
    if (n === null || !Number.isFinite(n)) {
      this.fail(name, 'not_a_number');
      return null;
    }
    if (n >= min && n <= max) return n;
    this.fail(name, n < 0 && min >= 0 ? 'negative' : 'out_of_range');
    return null;
  }
  integer(name: string, min: number, max: number, fallback: number): number {
    const n = this.number(name, min, max);
    if (n === null) return fallback;
    if (!Number.isInteger(n)) {
      this.fail(name, 'not_whole');
      return fallback;
    }
    return n;
  }
  count(name: string): number {
    return this.integer(name, 0, 100_000_000, 0);
  }
  flag(name: string): boolean {
    const v = this.get(name);
    if (v === undefined) return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (['', 'no', 'non', 'false', '0'].includes(s)) return false;
      if (['yes', 'oui', 'true', '1'].includes(s)) return true;
    }
    this.fail(name, 'invalid_type');
    return false;
  }
  date(name: string, required: boolean): string | null {
    const text = this.text(name);
    if (!text) {
      if (required) this.fail(name, 'required');
      return null;
    }
    const m = text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
    if (d && d.getUTCDate() === +m![3] && d.getUTCMonth() === +m![2] - 1) return text;
    this.fail(name, 'invalid_date');
    return null;
  }
  code(name: string, known: (c: string) => boolean, required: boolean): string {
    const code = this.text(name);
    if (!code) {
      if (required) this.fail(name, 'required');
    } else if (!known(code)) this.fail(name, 'invalid_choice');
    return code;
  }
  choice(name: string, options: readonly string[], required: boolean): string {
    return this.code(name, (c) => options.includes(c), required);
  }
  codes(name: string, known: (c: string) => boolean): string[] {
    const v = this.get(name);
    let items: string[] = [];
    if (Array.isArray(v)) items = v.map((x) => (typeof x === 'string' ? x.trim() : ''));
    else if (typeof v === 'string') items = v.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
    else if (v !== undefined) this.fail(name, 'invalid_type');
    if (items.some((c) => !known(c))) this.fail(name, 'invalid_choice');
    return [...new Set(items)];
  }
  rows(name: string): Fields[] {
    const v = this.get(name);
    if (v === undefined) return [];
    if (Array.isArray(v)) return v as Fields[];
    this.fail(name, 'invalid_type');
    return [];
  }
}

function currency(form: Form, name: string, amount: number | null): string {
  const code = form.text(name).toUpperCase();
  if ((amount !== null || code) && !/^[A-Z]{3}$/.test(code)) form.fail(name, 'invalid_currency');
  return code;
}

const LEVELS = ['national', 'province', 'district'];
const STEPS: StepId[] = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3'];
const LICENCE = ['licensed', 'unlicensed', 'unknown'];

export type Rec = Fields & { id: string; kind: RecordKind; workspaceId: string; createdAt: number; updatedAt: number; version: number; deleted: boolean };

/** Reads one kind's fields; `id` is the record being changed (null: a new one). */
export type Parser = (f: Form, ws: string, store: Phase1, id: string | null) => Fields;

/** Each kind's fields, read and checked in the same order as its Rust `parse`. */
const PARSE: Partial<Record<RecordKind, Parser>> = {
  task_force_charter: (f) => {
    const budgetAmount = f.number('budgetAmount', 0, 1e15);
    return {
      mandate: f.text('mandate'),
      legalBasis: f.text('legalBasis'),
      leadAgency: f.code('leadAgency', has('agencies'), false),
      chair: f.text('chair'),
      secretariat: f.text('secretariat'),
      budgetAmount,
      budgetCurrency: currency(f, 'budgetCurrency', budgetAmount),
      adoptedOn: f.date('adoptedOn', false),
    };
  },
  task_force_member: (f) => ({
    agency: f.code('agency', has('agencies'), true),
    department: f.text('department'),
    focalPerson: f.name('focalPerson'),
    level: f.choice('level', LEVELS, true),
    role: f.text('role'),
  }),
  task_force_meeting: (f) => ({ heldOn: f.date('heldOn', true) ?? '', attendees: f.text('attendees'), decisions: f.text('decisions') }),
  meeting_action: (f, ws, store) => {
    const meetingId = f.text('meetingId');
    if (!store.live(ws, 'task_force_meeting').some((m) => m.id === meetingId)) f.fail('meetingId', 'invalid_choice');
    return { meetingId, description: f.name('description'), owner: f.text('owner'), dueOn: f.date('dueOn', false), done: f.flag('done') };
  },
  forum_charter: (f) => {
    const perYear = f.number('meetingsPerYear', 1, 52);
    if (perYear !== null && !Number.isInteger(perYear)) f.fail('meetingsPerYear', 'not_whole');
    return { termsOfReference: f.text('termsOfReference'), meetingsPerYear: perYear === null ? null : Math.trunc(perYear), levels: f.codes('levels', (c) => LEVELS.includes(c)) };
  },
  stakeholder: (f) => {
    const sex = f.choice('representativeSex', ['female', 'male', 'other', 'unknown'], false);
    return {
      organisation: f.name('organisation'),
      group: f.code('group', has('stakeholder_groups'), true),
      region: f.text('region'),
      representativeSex: sex || 'unknown',
      influence: f.integer('influence', 1, 5, 3),
      interest: f.integer('interest', 1, 5, 3),
      vulnerability: f.choice('vulnerability', ['low', 'medium', 'high'], false),
      vestedInterests: f.text('vestedInterests'),
      armedGroupLinks: f.text('armedGroupLinks'),
      insider: f.flag('insider'),
      notes: f.text('notes'),
    };
  },
  consultation_event: (f) => {
    const attendance: { group: string; female: number; male: number }[] = [];
    f.rows('attendance').forEach((row, index) => {
      const line = new Form(row);
      const group = line.code('group', has('stakeholder_groups'), true);
      const female = line.count('female');
      const male = line.count('male');
      for (const e of line.errors) f.fail(`attendance-${e.field}-${index}`, e.code);
      if (line.errors.length === 0) attendance.push({ group, female, male });
    });
    return {
      heldOn: f.date('heldOn', true) ?? '',
      place: f.text('place'),
      steps: f.codes('steps', (c) => STEPS.includes(c as StepId)),
      attendance,
      issuesRaised: f.text('issuesRaised'),
      governmentResponse: f.text('governmentResponse'),
    };
  },
  site: (f) => {
    const latitude = f.number('latitude', -90, 90);
    const longitude = f.number('longitude', -180, 180);
    if (f.has('latitude') && !f.has('longitude')) f.fail('longitude', 'coordinate_pair');
    if (!f.has('latitude') && f.has('longitude')) f.fail('latitude', 'coordinate_pair');
    const minersFemale = f.count('minersFemale');
    const minersMale = f.count('minersMale');
    const minersUnder18 = f.count('minersUnder18');
    if (minersUnder18 > minersFemale + minersMale) f.fail('minersUnder18', 'exceeds_total');
    const mercuryKgLow = f.number('mercuryKgLow', 0, 1e9);
    const mercuryKgHigh = f.number('mercuryKgHigh', 0, 1e9);
    if (mercuryKgLow !== null && mercuryKgHigh !== null && mercuryKgLow > mercuryKgHigh) f.fail('mercuryKgHigh', 'below_low');
    return {
      name: f.name('name'),
      adminUnit: f.name('adminUnit'),
      latitude,
      longitude,
      commodity: f.code('commodity', has('commodities'), true),
      depositType: f.code('depositType', has('deposit_types'), false),
      mechanisation: f.code('mechanisation', has('mechanisation_levels'), false),
      organisation: f.code('organisation', has('organisation_forms'), false),
      seasonality: f.code('seasonality', has('seasonality'), false),
      minersFemale,
      minersMale,
      minersUnder18,
      legalStatus: f.code('legalStatus', has('legal_status'), false),
      productionAmount: f.number('productionAmount', 0, 1e15),
      productionUnit: f.text('productionUnit'),
      priceUsd: f.number('priceUsd', 0, 1e12),
      techniques: f.codes('techniques', has('techniques')),
      mercuryKgLow,
      mercuryKgHigh,
      mercuryMethod: f.text('mercuryMethod'),
      impacts: f.codes('impacts', has('impact_categories')),
      impactNotes: f.text('impactNotes'),
      source: f.text('source'),
      confidence: f.choice('confidence', ['low', 'medium', 'high'], false),
    };
  },
  capacity_cell: (f) => {
    const score = f.number('score', 0, 3);
    if (score === null) f.fail('score', 'required');
    else if (!Number.isInteger(score)) f.fail('score', 'not_whole');
    return {
      office: f.name('office'),
      function: f.code('function', has('capacity_functions'), true),
      staff: f.count('staff'),
      fieldOffices: f.count('fieldOffices'),
      vehicles: f.count('vehicles'),
      budgetUsd: f.number('budgetUsd', 0, 1e15),
      skills: f.text('skills'),
      dataSystems: f.text('dataSystems'),
      mandateClarity: f.choice('mandateClarity', ['clear', 'partial', 'unclear'], false),
      score: Math.trunc(score ?? 0),
      gap: f.text('gap'),
      notes: f.text('notes'),
    };
  },
  supply_node: (f) => ({
    name: f.name('name'),
    nodeType: f.code('nodeType', has('supply_chain_node_types'), true),
    location: f.text('location'),
    licenceStatus: f.choice('licenceStatus', LICENCE, false),
    riskFlags: f.codes('riskFlags', has('annex_ii_risks')),
    notes: f.text('notes'),
  }),
  supply_flow: (f, ws, store) => {
    const node = (field: string) => {
      const id = f.text(field);
      if (!id) f.fail(field, 'required');
      else if (!store.live(ws, 'supply_node').some((n) => n.id === id)) f.fail(field, 'invalid_choice');
      return id;
    };
    const fromNode = node('fromNode');
    const toNode = node('toNode');
    if (fromNode && fromNode === toNode) f.fail('toNode', 'same_node');
    const price = f.number('price', 0, 1e15);
    return {
      fromNode,
      toNode,
      volume: f.number('volume', 0, 1e15),
      volumeUnit: f.text('volumeUnit'),
      price,
      currency: currency(f, 'currency', price),
      preFinance: f.flag('preFinance'),
      taxPoint: f.flag('taxPoint'),
      crossBorder: f.flag('crossBorder'),
      licenceStatus: f.choice('licenceStatus', LICENCE, false),
      commodity: f.code('commodity', has('commodities'), false),
      notes: f.text('notes'),
    };
  },
  political_actor: (f) => ({
    name: f.name('name'),
    actorType: f.code('actorType', has('political_actor_types'), true),
    interests: f.text('interests'),
    power: f.integer('power', 1, 5, 3),
    rents: f.text('rents'),
    stance: f.code('stance', has('formalisation_stances'), false),
    notes: f.text('notes'),
  }),
  partner: (f) => {
    const funds = f.number('funds', 0, 1e15);
    const startOn = f.date('startOn', false);
    const endOn = f.date('endOn', false);
    if (startOn && endOn && endOn < startOn) f.fail('endOn', 'end_before_start');
    const status = f.choice('agreementStatus', ['planned', 'negotiating', 'signed', 'ended'], false);
    return {
      organisation: f.name('organisation'),
      partnerType: f.code('partnerType', has('partner_types'), true),
      programme: f.text('programme'),
      commodity: f.code('commodity', has('commodities'), false),
      geography: f.text('geography'),
      theme: f.text('theme'),
      roles: f.codes('roles', has('partner_roles')),
      funds,
      currency: currency(f, 'currency', funds),
      startOn,
      endOn,
      agreementStatus: status || 'planned',
    };
  },
};

const SINGLETONS: RecordKind[] = ['task_force_charter', 'forum_charter'];

/** The fields an import reads, in form order, with whether each is required (as in Rust). */
const IMPORT_FIELDS: Record<ImportKind, [string, boolean][]> = {
  site: [
    ['name', true], ['adminUnit', true], ['latitude', false], ['longitude', false], ['commodity', true], ['depositType', false],
    ['mechanisation', false], ['organisation', false], ['seasonality', false], ['minersFemale', false], ['minersMale', false],
    ['minersUnder18', false], ['legalStatus', false], ['productionAmount', false], ['productionUnit', false], ['priceUsd', false],
    ['techniques', false], ['mercuryKgLow', false], ['mercuryKgHigh', false], ['mercuryMethod', false], ['impacts', false],
    ['impactNotes', false], ['source', false], ['confidence', false],
  ],
  stakeholder: [
    ['organisation', true], ['group', true], ['region', false], ['representativeSex', false], ['influence', false], ['interest', false],
    ['vulnerability', false], ['vestedInterests', false], ['armedGroupLinks', false], ['insider', false], ['notes', false],
  ],  licence_holder: [
    ['holderKind', true], ['name', true], ['nationalId', false], ['birthDate', false], ['sex', false], ['licenceType', true],
    ['licenceNumber', false], ['siteId', false], ['zoneId', false], ['commodity', false], ['issuedOn', false], ['expiresOn', false],
    ['status', true], ['acceptDuplicate', false],
  ],
};
const IMPORT_LISTS: Record<ImportKind, Record<string, string>> = {
  site: {
    commodity: 'commodities', depositType: 'deposit_types', mechanisation: 'mechanisation_levels', organisation: 'organisation_forms',
    seasonality: 'seasonality', legalStatus: 'legal_status', techniques: 'techniques', impacts: 'impact_categories',
  },
  stakeholder: { group: 'stakeholder_groups' },
  licence_holder: { licenceType: 'licence_types', commodity: 'commodities' },
};

/** The canned files the fake "native dialog" returns: a few rows, two of them bad. */
export const CANNED_FILES: Record<ImportKind, { fileName: string; columns: string[]; rows: string[][] }> = {
  site: {
    fileName: 'lwanga_sites_2026.csv',
    columns: ['Name', 'Admin unit', 'Latitude', 'Longitude', 'Commodity', 'Deposit type', 'Miners female', 'Miners male', 'Miners under 18', 'Legal status', 'Remarks'],
    rows: [
      ['Kalima North', 'Mbeli', '-2.5083', '28.8617', 'Gold', 'Alluvial (river beds and terraces)', '40', '110', '6', 'Unlicensed', 'Visited in May'],
      ['Bisoko pit 4', 'Kasoro', '-2.61', '28.91', 'gold', 'hard_rock_shaft', '12', '85', '0', 'licensed', ''],
      ['Nyamara sands', 'Tandala', '', '', 'construction_materials', 'Quarry or sand pit', '60', '25', '10', '', 'Women sieve sand'],
      ['Mugogo ridge', 'Ruvuma Hills', '123', '29.1', 'Tin (cassiterite)', '', '5', '30', '0', '', 'Coordinates from an old map'],
      ['Lubero creek', 'Nkoro', '-1.98', '29.02', '', '', '3', '4', '12', '', 'Commodity not known'],
      ['Kasika terrace', 'Lake Sanza', '-2.2', '28.7', 'Or', 'alluvial', '22', '64', '4', 'Sans titre minier', ''],
    ],
  },
  stakeholder: {
    fileName: 'forum_contacts.xlsx',
    columns: ['Organisation', 'Group', 'Region', 'Influence', 'Interest', 'Sex of representative'],
    rows: [
      ['Kalima women miners’ association', 'Women miners', 'Mbeli', '3', '5', 'female'],
      ['Tandala gold traders', 'traders', 'Tandala', '4', '4', 'male'],
      ['Bank of Lwanga', 'Bankers', 'Nkoro', '3', '2', 'male'],
      ['Lake Sanza fishers', 'Local communities', 'Lake Sanza', '2', '4', ''],
      ['Mwami of Kasoro', 'Traditional authorities', 'Kasoro', '9', '5', 'male'],
    ],
  },  licence_holder: {
    fileName: 'permits_register_2026.csv',
    columns: ['Holder kind', 'Name', 'National ID', 'Licence type', 'Licence number', 'Commodity', 'Issued on', 'Expires on', 'Status'],
    rows: [
      ['individual', 'Esther Bahati', 'LW-77-1204', 'Artisanal mining permit', 'AP-2026-101', 'Gold', '2026-02-01', '2027-01-31', 'granted'],
      ['cooperative', 'Coopérative des orpailleurs de Mbeli', 'COOP-0077', 'cooperative_licence', 'CL-2026-012', 'gold', '2026-06-01', '2029-05-31', 'Granted'],
      ['individual', 'Paul Mugisha', 'LW-80-5531', 'Artisanal mining permit', '', 'Tin (cassiterite)', '', '', 'applied'],
      ['individual', 'Jean Kabila', 'LW-66-0101', 'Fishing licence', '', '', '', '', 'applied'],
      ['company', 'Tandala Sands Ltd', 'RC-2019-558', 'development_minerals_licence', 'DM-2024-019', 'construction_materials', '2024-03-01', '2024-02-01', 'granted'],
    ],
  },
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

interface Session {
  workspaceId: string;
  kind: ImportKind;
  fileName: string;
  columns: string[];
  rows: string[][];
  mapping: Record<string, string | null>;
}

export class Phase1 {
  records: Rec[] = [];
  sessions = new Map<string, Session>();
  /** The kinds save_record knows; the Phase 2 half adds its own (see fakePhase2.ts). */
  parsers: Partial<Record<RecordKind, Parser>> = { ...PARSE };
  singletons: RecordKind[] = [...SINGLETONS];
  /** Called before any write of `kind` (Phase 2 refuses writes while the strategy is signed off). */
  guard: (ws: string, kind: RecordKind) => void = () => {};
  /** Called after a record is tombstoned, to tombstone what depends on it. */
  cascade: (ws: string, kind: RecordKind, id: string) => void = () => {};
  /** Called after a record is written, with what it held before (null: a new record). */
  afterSave: (ws: string, rec: Rec, previous: Fields | null) => void = () => {};
  private seq = 0;

  constructor(
    private now: () => number,
    private lang: () => Lang,
    private office: () => string,
  ) {}

  live(ws: string, kind: RecordKind): Rec[] {
    return this.records.filter((r) => r.workspaceId === ws && r.kind === kind && !r.deleted);
  }

  out(r: Rec): Fields {
    const { kind: _kind, workspaceId: _ws, deleted: _deleted, ...rest } = r;
    return JSON.parse(JSON.stringify({ ...rest, originOffice: this.office() }));
  }

  validation(errors: { field: string; code: string }[]): UiError {
    const lang = this.lang();
    const fields: FieldError[] = errors.map((e) => ({ field: e.field, code: e.code, message: fieldMessage(lang, e.field, e.code) }));
    return { code: 'validation', message: message(lang, 'validation'), record: null, fields };
  }

  /** save_record: create (id null) or update; throws a UiError as Rust would. */
  save(ws: string, kind: string, id: string | null, fields: Fields): { id: string } {
    const lang = this.lang();
    const parser = this.parsers[kind as RecordKind];
    if (!parser) throw uiError(lang, 'record.unknown_kind', 'record.unknown_kind', { kind });
    const k = kind as RecordKind;
    this.guard(ws, k);
    const form = new Form(fields ?? {});
    const single = this.singletons.includes(k);
    const existing = single ? this.live(ws, k)[0] : id ? this.find(ws, k, id) : undefined;
    const parsed = parser(form, ws, this, existing?.id ?? null);
    if (form.errors.length > 0) throw this.validation(form.errors);
    const at = this.now();
    if (existing) {
      const previous = { ...existing };
      Object.assign(existing, parsed, { updatedAt: at, version: existing.version + 1 });
      this.afterSave(ws, existing, previous);
      return { id: existing.id };
    }
    const rec: Rec = { ...parsed, id: `rec-${++this.seq}`, kind: k, workspaceId: ws, createdAt: at, updatedAt: at, version: 1, deleted: false };
    this.records.push(rec);
    this.afterSave(ws, rec, null);
    return { id: rec.id };
  }

  find(ws: string, kind: RecordKind, id: string): Rec {
    const r = this.live(ws, kind).find((x) => x.id === id);
    if (!r) throw uiError(this.lang(), 'store.not_found', 'store.not_found', { what: message(this.lang(), `what.${kind}`) }, id);
    return r;
  }

  delete(ws: string, kind: string, id: string): null {
    if (!this.parsers[kind as RecordKind]) throw uiError(this.lang(), 'record.unknown_kind', 'record.unknown_kind', { kind });
    this.guard(ws, kind as RecordKind);
    const r = this.find(ws, kind as RecordKind, id);
    r.deleted = true;
    r.version++;
    this.cascade(ws, kind as RecordKind, id);
    if (kind === 'task_force_meeting') for (const a of this.live(ws, 'meeting_action')) if (a.meetingId === id) a.deleted = true;
    if (kind === 'supply_node') for (const f of this.live(ws, 'supply_flow')) if (f.fromNode === id || f.toNode === id) f.deleted = true;
    return null;
  }

  taskForce(ws: string): TaskForce {
    const members = this.live(ws, 'task_force_member');
    const meetings = this.live(ws, 'task_force_meeting').sort((a, b) => (String(b.heldOn) + b.id).localeCompare(String(a.heldOn) + a.id));
    const actions = this.live(ws, 'meeting_action');
    return {
      charter: (this.live(ws, 'task_force_charter').map((r) => this.out(r))[0] ?? null) as unknown as TaskForce['charter'],
      members: members.map((r) => this.out(r)) as unknown as TaskForce['members'],
      meetings: meetings.map((m) => ({ ...this.out(m), actions: actions.filter((a) => a.meetingId === m.id).map((a) => this.out(a)) })) as unknown as TaskForce['meetings'],
      missingAgencies: this.missingAgencies(ws),
    };
  }

  missingAgencies(ws: string): string[] {
    const members = this.live(ws, 'task_force_member');
    return catalogue('en', 'agencies')
      .filter((a) => a.guidance_names === true && !members.some((m) => m.agency === a.code))
      .map((a) => a.code);
  }

  forum(ws: string, today: string): Forum {
    const charter = this.live(ws, 'forum_charter')[0];
    const stakeholders = this.live(ws, 'stakeholder').sort((a, b) => (String(a.organisation) < String(b.organisation) ? -1 : 1));
    const events = this.eventsOf(ws);
    const rows = events.flatMap((e) => e.attendance as { group: string; female: number; male: number }[]);
    const female = rows.reduce((n, r) => n + r.female, 0);
    const male = rows.reduce((n, r) => n + r.male, 0);
    const heard = (g: string) => rows.some((r) => r.group === g && r.female + r.male > 0);
    const never: string[] = [];
    for (const s of stakeholders) if (!heard(String(s.group)) && !never.includes(String(s.group))) never.push(String(s.group));
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const held = events.filter((e) => String(e.heldOn) > yearAgo && String(e.heldOn) <= today).length;
    const expected = (charter?.meetingsPerYear as number | null | undefined) ?? null;
    return {
      charter: (charter ? this.out(charter) : null) as unknown as Forum['charter'],
      stakeholders: stakeholders.map((r) => this.out(r)) as unknown as Forum['stakeholders'],
      events: events.map((r) => this.out(r)) as unknown as Forum['events'],
      genderBalance: { female, male, femaleShare: female + male > 0 ? female / (female + male) : null },
      groupsNeverConsulted: never,
      regularity: { expectedPerYear: expected, heldLast12Months: held, meetsTerms: expected === null ? null : held >= expected },
    };
  }

  private eventsOf(ws: string): Rec[] {
    return this.live(ws, 'consultation_event').sort((a, b) => (String(b.heldOn) + b.id).localeCompare(String(a.heldOn) + a.id));
  }

  context(ws: string): Context {
    const byName = (a: Rec, b: Rec) => String(a.name).localeCompare(String(b.name));
    return {
      overview: this.overview(ws),
      capacity: this.live(ws, 'capacity_cell')
        .sort((a, b) => `${a.office}|${a.function}`.localeCompare(`${b.office}|${b.function}`))
        .map((r) => this.out(r)) as unknown as Context['capacity'],
      nodes: this.live(ws, 'supply_node').sort(byName).map((r) => this.out(r)) as unknown as Context['nodes'],
      flows: this.live(ws, 'supply_flow').map((r) => this.out(r)) as unknown as Context['flows'],
      actors: this.live(ws, 'political_actor').sort(byName).map((r) => this.out(r)) as unknown as Context['actors'],
    };
  }

  overview(ws: string): Overview {
    const sites = this.live(ws, 'site');
    const add = (m: Miners, s: Rec) => {
      m.female += s.minersFemale as number;
      m.male += s.minersMale as number;
      m.under18 += s.minersUnder18 as number;
      m.total += (s.minersFemale as number) + (s.minersMale as number);
    };
    const zero = (): Miners => ({ female: 0, male: 0, under18: 0, total: 0 });
    const breakdown = (key: string): Breakdown[] => {
      const groups = new Map<string, Breakdown>();
      for (const s of sites) {
        const code = String(s[key] ?? '');
        const b = groups.get(code) ?? { code, sites: 0, miners: zero() };
        b.sites++;
        add(b.miners, s);
        groups.set(code, b);
      }
      return [...groups.values()].sort((a, b) => b.sites - a.sites || (a.code < b.code ? -1 : 1));
    };
    const miners = zero();
    const mercury = { low: 0, high: 0, sitesWithEstimate: 0 };
    for (const s of sites) {
      add(miners, s);
      const low = s.mercuryKgLow as number | null;
      const high = s.mercuryKgHigh as number | null;
      if (low !== null || high !== null) {
        mercury.low += low ?? high ?? 0;
        mercury.high += high ?? low ?? 0;
        mercury.sitesWithEstimate++;
      }
    }
    return { sites: sites.length, miners, byCommodity: breakdown('commodity'), byDeposit: breakdown('depositType'), byMechanisation: breakdown('mechanisation'), mercuryKg: mercury };
  }

  listSites(ws: string, q: Partial<SiteQuery>): SitePage {
    const text = fold(q.text ?? '');
    const rows = this.live(ws, 'site').filter(
      (s) =>
        (!text || fold(String(s.name)).includes(text) || fold(String(s.adminUnit)).includes(text)) &&
        (!q.commodity || s.commodity === q.commodity) &&
        (!q.depositType || s.depositType === q.depositType) &&
        (!q.mechanisation || s.mechanisation === q.mechanisation) &&
        (!q.legalStatus || s.legalStatus === q.legalStatus),
    );
    const sortable = ['adminUnit', 'commodity', 'depositType', 'mechanisation', 'legalStatus', 'minersFemale', 'minersMale', 'minersUnder18', 'miners', 'mercuryKgHigh', 'updatedAt'];
    const sort = sortable.includes(q.sort ?? '') ? (q.sort as string) : 'name';
    const key = (s: Rec): string | number => (sort === 'miners' ? (s.minersFemale as number) + (s.minersMale as number) : ((s[sort] as string | number | null) ?? -1));
    const dir = q.descending ? -1 : 1;
    rows.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : 0;
      return c * dir || String(a.name).localeCompare(String(b.name)) || a.id.localeCompare(b.id);
    });
    const limit = Math.min(500, Math.max(1, q.limit ?? 100));
    const offset = Math.max(0, q.offset ?? 0);
    return { total: rows.length, rows: rows.slice(offset, offset + limit).map((r) => this.out(r)) as unknown as SitePage['rows'] };
  }

  partners(ws: string) {
    return this.live(ws, 'partner')
      .sort((a, b) => (String(a.organisation) < String(b.organisation) ? -1 : 1))
      .map((r) => this.out(r));
  }

  /** Checklist keys the records show done: a few of evidence.rs's rules, enough for the previews. */
  shownDone(ws: string, step: StepId): Set<string> {
    const any = (kind: RecordKind) => this.live(ws, kind).length > 0;
    const keys: [string, boolean][] = [];
    if (step === '1.1') {
      const missing = this.missingAgencies(ws);
      const members: [string, string][] = [['member_mining', 'mines'], ['member_environment', 'environment'], ['member_land', 'lands'], ['member_finance', 'finance'], ['member_planning', 'planning'], ['member_water', 'water'], ['member_labour', 'labour']];
      for (const [key, agency] of members) keys.push([key, !missing.includes(agency)]);
    }
    if (step === '1.2') keys.push(['stakeholder_register', any('stakeholder')]);
    if (step === '1.3') keys.push(['sector_overview_sites', any('site')], ['capacity_assessed', any('capacity_cell')], ['supply_chain_mapped', any('supply_flow')], ['political_economy_analysed', any('political_actor')]);
    if (step === '1.4') keys.push(['partner_register', any('partner')]);
    return new Set(keys.filter(([, met]) => met).map(([key]) => key));
  }

  // ---- Imports ----

  importOpen(ws: string, kind: string, file: 'canned' | 'cancel' | 'unreadable'): ImportPreview | null {
    const lang = this.lang();
    if (kind !== 'site' && kind !== 'stakeholder' && kind !== 'licence_holder') throw uiError(lang, 'record.unknown_kind', 'record.unknown_kind', { kind });
    if (file === 'cancel') return null;
    const canned = CANNED_FILES[kind];
    if (file === 'unreadable') {
      throw uiError(lang, 'import.unreadable', 'import.unreadable', { file: canned.fileName, reason: message(lang, 'import.reason.damaged') });
    }
    const mapping: Record<string, string | null> = {};
    for (const [field] of IMPORT_FIELDS[kind]) mapping[field] = canned.columns.find((c) => fold(c) === fold(field)) ?? null;
    const id = `import-${++this.seq}`;
    this.sessions.set(id, { workspaceId: ws, kind, fileName: canned.fileName, columns: [...canned.columns], rows: canned.rows.map((r) => [...r]), mapping });
    return this.preview(id);
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw uiError(this.lang(), 'store.not_found', 'store.not_found', { what: message(this.lang(), 'what.import') }, id);
    return s;
  }

  importRemap(id: string, mapping: Record<string, string | null>): ImportPreview {
    const s = this.session(id);
    s.mapping = Object.fromEntries(IMPORT_FIELDS[s.kind].map(([field]) => [field, mapping[field] && s.columns.includes(mapping[field]!) ? mapping[field] : null]));
    return this.preview(id);
  }

  private plan(s: Session): { accepted: Fields[]; rejected: { row: number; reasons: { field: string; code: string }[] }[] } {
    const unmapped = IMPORT_FIELDS[s.kind].filter(([f, req]) => req && !s.mapping[f]).map(([field]) => ({ field, code: 'unmapped' }));
    const accepted: Fields[] = [];
    const rejected: { row: number; reasons: { field: string; code: string }[] }[] = [];
    s.rows.forEach((row, i) => {
      const fields: Fields = {};
      for (const [field, column] of Object.entries(s.mapping)) {
        const at = column ? s.columns.indexOf(column) : -1;
        if (at < 0) continue;
        const raw = (row[at] ?? '').trim();
        const list = IMPORT_LISTS[s.kind][field];
        fields[field] = list && raw ? raw.split(/[;,]/).map((part) => this.codeFor(list, part)).join(';') : raw;
      }
      const form = new Form(fields);
      const parsed = this.parsers[s.kind]!(form, s.workspaceId, this, null);
      if (form.errors.length > 0) rejected.push({ row: i + 1, reasons: form.errors });
      else if (unmapped.length > 0) rejected.push({ row: i + 1, reasons: unmapped });
      else accepted.push(parsed);
    });
    return { accepted, rejected };
  }

  /** A label in any language, or a code, read as its code (as import.rs `code_for`). */
  private codeFor(list: string, value: string): string {
    const wanted = fold(value);
    const hit = (['en', 'fr'] as Lang[]).flatMap((l) => catalogue(l, list)).find((e) => e.code === value || fold(e.label) === wanted || fold(e.code) === wanted);
    return hit?.code ?? value.trim();
  }

  private preview(id: string): ImportPreview {
    const s = this.session(id);
    const lang = this.lang();
    const plan = this.plan(s);
    return {
      importId: id,
      kind: s.kind,
      fileName: s.fileName,
      columns: [...s.columns],
      mapping: { ...s.mapping },
      fields: IMPORT_FIELDS[s.kind].map(([field, required]) => ({ field, required })),
      total: s.rows.length,
      accepted: plan.accepted.length,
      rejected: plan.rejected.map((r) => ({ row: r.row, reasons: r.reasons.map((e) => ({ ...e, message: fieldMessage(lang, e.field, e.code) })) })),
      sample: plan.accepted.slice(0, 20),
    };
  }

  importCommit(id: string): { inserted: number; rejected: number } {
    const s = this.session(id);
    const plan = this.plan(s);
    for (const fields of plan.accepted) this.save(s.workspaceId, s.kind, null, fields);
    this.sessions.delete(id);
    return { inserted: plan.accepted.length, rejected: plan.rejected.length };
  }

  importCancel(id: string): null {
    this.sessions.delete(id);
    return null;
  }
}
