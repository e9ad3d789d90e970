// The Phase 2 half of the fake backend (see fakeBackend.ts): the strategy records kept with the
// Phase 1 ones, and small stand-ins for the Rust readers (crates/lode-store: vision,
// sector_types, strategy, finalise). The real rules live in Rust; this only does enough for the
// component tests and the preview to exercise the screens. Dev-only, never shipped.
import type {
  AnnexCRow,
  Category,
  Criterion,
  Finding,
  FinaliseView,
  Lang,
  Miners,
  Phase2Kind,
  RecordKind,
  StrategiesView,
  TypeProfile,
  TypeProposal,
  TypesView,
  VersionComparison,
  VisionView,
} from '../lib/api';
import { catalogue, has, message, uiError, type Fields, type Form, type Parser, type Phase1, type Rec } from './fakePhase1';

const KINDS: Phase2Kind[] = ['vision', 'strategy_issue', 'strategy_goal', 'technique_assessment', 'asm_type', 'priority_criterion', 'type_score', 'type_strategy', 'strategy_measure'];
const BUILT_IN = ['people_affected', 'unacceptable_severity', 'economic_value', 'government_leverage'];
const EVIDENCE = ['site', 'consultation_event', 'stakeholder', 'political_actor', 'supply_node', 'capacity_cell'];
const MIN_PROPOSAL_SITES = 5;

/** A required whole number in [min, max]. */
function required(f: Form, name: string, min: number, max: number): number {
  if (!f.has(name)) {
    f.fail(name, 'required');
    return min;
  }
  return f.integer(name, min, max, min);
}

function liveIds(store: Phase1, ws: string, kind: RecordKind) {
  const ids = new Set(store.live(ws, kind).map((r) => r.id));
  return (id: string) => ids.has(id);
}

function taken(store: Phase1, ws: string, kind: RecordKind, id: string | null, same: (r: Rec) => boolean): boolean {
  return store.live(ws, kind).some((r) => r.id !== id && same(r));
}

const PARSE: Partial<Record<RecordKind, Parser>> = {
  vision: (f) => ({ statement: f.text('statement'), adoptedOn: f.date('adoptedOn', false) }),
  strategy_issue: (f, ws, store) => {
    const evidence: { kind: string; id: string }[] = [];
    for (const row of f.rows('evidence')) {
      const kind = String(row.kind ?? '');
      const id = String(row.id ?? '');
      if (!EVIDENCE.includes(kind) || !store.live(ws, kind as RecordKind).some((r) => r.id === id)) f.fail('evidence', 'invalid_choice');
      else if (!evidence.some((e) => e.kind === kind && e.id === id)) evidence.push({ kind, id });
    }
    return {
      description: f.name('description'),
      category: f.code('category', has('impact_categories'), true),
      severity: required(f, 'severity', 1, 5),
      scope: f.choice('scope', ['local', 'regional', 'national'], false),
      evidence,
    };
  },
  strategy_goal: (f, ws, store) => ({
    statement: f.name('statement'),
    issues: f.codes('issues', liveIds(store, ws, 'strategy_issue')),
    indicators: f.codes('indicators', has('indicators')),
    target: f.text('target'),
  }),
  technique_assessment: (f, ws, store, id) => {
    const technique = f.code('technique', has('techniques'), true);
    const category = f.choice('category', ['unacceptable', 'poor', 'good'], true);
    const rationale = f.text('rationale');
    const entry = catalogue('en', 'techniques').find((e) => e.code === technique);
    if (entry && category && category !== entry.default_category && !rationale) f.fail('rationale', 'rationale_for_change');
    if (technique && taken(store, ws, 'technique_assessment', id, (r) => r.technique === technique)) f.fail('technique', 'already_assessed');
    return { technique, category, rationale, source: f.text('source') };
  },
  asm_type: (f) => {
    const leverage = f.number('leverage', 0, 3);
    if (leverage !== null && !Number.isInteger(leverage)) f.fail('leverage', 'not_whole');
    return {
      name: f.name('name'),
      commodity: f.code('commodity', has('commodities'), false),
      depositGroup: f.code('depositGroup', has('deposit_groups'), false),
      mechanisation: f.code('mechanisation', has('mechanisation_levels'), false),
      scale: f.code('scale', has('scales'), false),
      toFormalise: f.flag('toFormalise'),
      leverage,
      justification: f.text('justification'),
    };
  },
  priority_criterion: (f, ws, store, id) => {
    const basis = f.choice('basis', [...BUILT_IN, 'manual'], true);
    const name = basis === 'manual' ? f.name('name') : f.text('name');
    if (BUILT_IN.includes(basis) && taken(store, ws, 'priority_criterion', id, (r) => r.basis === basis)) f.fail('basis', 'already_weighted');
    return { basis, name, weight: required(f, 'weight', 0, 100) };
  },
  type_score: (f, ws, store, id) => {
    const typeId = f.text('typeId');
    if (!liveIds(store, ws, 'asm_type')(typeId)) f.fail('typeId', 'invalid_choice');
    const criterionId = f.text('criterionId');
    if (!store.live(ws, 'priority_criterion').some((c) => c.id === criterionId && c.basis === 'manual')) f.fail('criterionId', 'invalid_choice');
    const score = required(f, 'score', 0, 5);
    if (taken(store, ws, 'type_score', id, (r) => r.typeId === typeId && r.criterionId === criterionId)) f.fail('score', 'already_scored');
    return { typeId, criterionId, score };
  },
  type_strategy: (f, ws, store, id) => {
    const typeId = f.text('typeId');
    if (!liveIds(store, ws, 'asm_type')(typeId)) f.fail('typeId', 'invalid_choice');
    else if (taken(store, ws, 'type_strategy', id, (r) => r.typeId === typeId)) f.fail('typeId', 'already_has_strategy');
    return {
      typeId,
      allocateLand: f.choice('allocateLand', ['yes', 'no', 'undecided'], false),
      landForm: f.choice('landForm', ['asm_zone', 'reserved_area'], false),
      landNotes: f.text('landNotes'),
      economicsRationale: f.text('economicsRationale'),
      impactsApproach: f.choice('impactsApproach', ['license_regulate', 'promote_good_practice', 'both'], false),
      impactsRationale: f.text('impactsRationale'),
      licenceType: f.code('licenceType', has('licence_types'), false),
      transboundary: f.text('transboundary'),
    };
  },
  strategy_measure: (f, ws, store) => {
    const typeId = f.text('typeId');
    if (!liveIds(store, ws, 'asm_type')(typeId)) f.fail('typeId', 'invalid_choice');
    const techniques = f.codes('techniques', has('techniques'));
    const action = f.choice('action', ['eliminate', 'improve', 'promote'], techniques.length > 0);
    return {
      typeId,
      instrument: f.code('instrument', has('instruments'), true),
      approach: f.choice('approach', ['economics', 'impacts'], true),
      techniques,
      action,
      goals: f.codes('goals', liveIds(store, ws, 'strategy_goal')),
      rationale: f.text('rationale'),
    };
  },
};

interface Site {
  id: string;
  name: string;
  adminUnit: string;
  key: [string, string, string, string];
  female: number;
  male: number;
  under18: number;
  techniques: string[];
  impacts: string[];
  legalStatus: string;
  mercury: [number, number];
  value: number;
}
interface VersionBook {
  number: number;
  locked: boolean;
  signedBy: string | null;
  signedAt: number | null;
  note: string;
  openFindings: number;
  signed: { number: number; signedBy: string; signedAt: number; note: string; openFindings: number; records: Rec[] }[];
}

const groupOf = (deposit: string) => catalogue('en', 'deposit_groups').find((g) => (g.deposits as string[]).includes(deposit))?.code ?? '';
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const tally = (lists: string[][]) => {
  const counts = new Map<string, number>();
  for (const list of lists) for (const code of new Set(list)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, sites]) => ({ code, sites })).sort((a, b) => b.sites - a.sites || a.code.localeCompare(b.code));
};
const ACTION_ORDER = ['eliminate', 'improve', 'promote'];

export class Phase2 {
  private books = new Map<string, VersionBook>();

  constructor(
    private p1: Phase1,
    private now: () => number,
    private lang: () => Lang,
    private officer: () => string,
  ) {
    p1.parsers = { ...p1.parsers, ...PARSE };
    p1.singletons.push('vision');
    p1.guard = (ws, kind) => {
      if ((KINDS as string[]).includes(kind)) this.writable(ws);
    };
    p1.cascade = (ws, kind, id) => {
      const drop = (k: RecordKind, field: string) => {
        for (const r of p1.live(ws, k)) if (r[field] === id) r.deleted = true;
      };
      if (kind === 'asm_type') ['type_strategy', 'strategy_measure', 'type_score'].forEach((k) => drop(k as RecordKind, 'typeId'));
      if (kind === 'priority_criterion') drop('type_score', 'criterionId');
    };
  }

  private book(ws: string): VersionBook {
    let b = this.books.get(ws);
    if (!b) this.books.set(ws, (b = { number: 1, locked: false, signedBy: null, signedAt: null, note: '', openFindings: 0, signed: [] }));
    return b;
  }

  private writable(ws: string) {
    if (this.book(ws).locked) throw uiError(this.lang(), 'strategy.locked', 'strategy.locked');
  }

  private rows(ws: string, kind: Phase2Kind): Fields[] {
    return this.p1.live(ws, kind).map((r) => this.p1.out(r));
  }

  /** The government's category of every technique (its assessment, else the default). */
  private categories(ws: string): Map<string, Category> {
    const out = new Map<string, Category>();
    for (const e of catalogue('en', 'techniques')) out.set(e.code, e.default_category as Category);
    for (const a of this.p1.live(ws, 'technique_assessment')) out.set(String(a.technique), a.category as Category);
    return out;
  }

  vision(ws: string): VisionView {
    const lang = this.lang();
    const sites = this.p1.live(ws, 'site');
    const assessed = new Map(this.p1.live(ws, 'technique_assessment').map((a) => [String(a.technique), a]));
    const measures = this.p1.live(ws, 'strategy_measure');
    const label = (kind: string, id: string): string => {
      const r = this.p1.live(ws, kind as RecordKind).find((x) => x.id === id);
      if (!r) return message(lang, 'evidence.removed');
      if (kind === 'site' || kind === 'political_actor' || kind === 'supply_node') return String(r.name);
      if (kind === 'stakeholder') return String(r.organisation);
      if (kind === 'consultation_event') return r.place ? `${r.heldOn} · ${r.place}` : String(r.heldOn);
      return `${r.office} · ${catalogue(lang, 'capacity_functions').find((e) => e.code === r.function)?.label ?? r.function}`;
    };
    const order = ['extraction', 'processing', 'trade', 'labour'];
    const techniques = catalogue(lang, 'techniques')
      .map((e) => {
        const using = sites.filter((s) => (s.techniques as string[]).includes(e.code));
        const a = assessed.get(e.code);
        const category = (a?.category ?? e.default_category) as Category;
        return {
          code: e.code,
          label: e.label,
          stage: String(e.stage),
          description: String(e.description ?? ''),
          source: String(e.source ?? ''),
          defaultCategory: e.default_category as Category,
          category,
          changed: category !== e.default_category,
          rationale: String(a?.rationale ?? ''),
          assessmentId: a?.id ?? null,
          assessmentSource: String(a?.source ?? ''),
          sites: using.length,
          miners: sum(using.map((s) => (s.minersFemale as number) + (s.minersMale as number))),
          prevalence: sites.length ? using.length / sites.length : 0,
        };
      })
      .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
    return {
      vision: (this.rows(ws, 'vision')[0] ?? null) as unknown as VisionView['vision'],
      issues: this.p1.live(ws, 'strategy_issue').map((r) => ({
        ...this.p1.out(r),
        evidenceLabels: (r.evidence as { kind: string; id: string }[]).map((e) => ({ ...e, label: label(e.kind, e.id) })),
      })) as unknown as VisionView['issues'],
      goals: this.p1.live(ws, 'strategy_goal').map((r) => ({
        ...this.p1.out(r),
        measures: measures.filter((m) => (m.goals as string[]).includes(r.id)).length,
      })) as unknown as VisionView['goals'],
      techniques,
    };
  }

  private sites(ws: string): Site[] {
    return this.p1
      .live(ws, 'site')
      .map((s) => {
        const female = s.minersFemale as number;
        const male = s.minersMale as number;
        const low = s.mercuryKgLow as number | null;
        const high = s.mercuryKgHigh as number | null;
        return {
          id: s.id,
          name: String(s.name),
          adminUnit: String(s.adminUnit),
          key: [String(s.commodity), groupOf(String(s.depositType)), String(s.mechanisation), female + male >= 100 ? 'small_scale' : 'artisanal'] as Site['key'],
          female,
          male,
          under18: s.minersUnder18 as number,
          techniques: s.techniques as string[],
          impacts: s.impacts as string[],
          legalStatus: String(s.legalStatus),
          mercury: [low ?? high ?? 0, high ?? low ?? 0] as [number, number],
          value: ((s.productionAmount as number | null) ?? 0) * ((s.priceUsd as number | null) ?? 0),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  private typeName(key: string[]): string {
    const lang = this.lang();
    const lists = ['commodities', 'deposit_groups', 'mechanisation_levels', 'scales'];
    const parts = key.map((code, i) => (code ? (catalogue(lang, lists[i]).find((e) => e.code === code)?.label ?? code).split(' (')[0] : '')).filter(Boolean);
    return parts.length ? parts.join(' · ') : message(lang, 'type.all_sites');
  }

  /** One type per commodity, split by deposit group where two groups or more are large. */
  private propose(sites: Site[]): { key: string[]; sites: Site[] }[] {
    const threshold = Math.max(MIN_PROPOSAL_SITES, Math.ceil(sites.length * 0.05));
    const found: { key: string[]; sites: Site[] }[] = [];
    const byCommodity = new Map<string, Site[]>();
    for (const s of sites) byCommodity.set(s.key[0], [...(byCommodity.get(s.key[0]) ?? []), s]);
    for (const [commodity, group] of [...byCommodity].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = new Map<string, Site[]>();
      for (const s of group) parts.set(s.key[1], [...(parts.get(s.key[1]) ?? []), s]);
      const large = [...parts].filter(([g, p]) => g && p.length >= threshold).map(([g]) => g).sort();
      if (large.length < 2) {
        found.push({ key: [commodity, '', '', ''], sites: group });
        continue;
      }
      for (const g of large) found.push({ key: [commodity, g, '', ''], sites: parts.get(g)! });
      const rest = group.filter((s) => !large.includes(s.key[1]));
      if (rest.length) found.push({ key: [commodity, '', '', ''], sites: rest });
    }
    return found;
  }

  private criteria(ws: string): Criterion[] {
    const saved = this.p1.live(ws, 'priority_criterion');
    const lang = this.lang();
    return [
      ...BUILT_IN.map((basis) => {
        const r = saved.find((c) => c.basis === basis);
        return { id: r?.id ?? null, basis, name: message(lang, `criterion.${basis}`), weight: (r?.weight as number | undefined) ?? 25 } as Criterion;
      }),
      ...saved.filter((c) => c.basis === 'manual').map((c) => ({ id: c.id, basis: 'manual', name: String(c.name), weight: c.weight as number }) as Criterion),
    ];
  }

  /** Profiles in rank order, the sites no type takes, and each type's sites (for the checks). */
  private profiles(ws: string): { profiles: TypeProfile[]; unassigned: Site[]; members: Map<string, Site[]>; criteria: Criterion[]; capacityMean: number | null } {
    const sites = this.sites(ws);
    const types = this.p1.live(ws, 'asm_type').sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const keyOf = (t: Rec) => [String(t.commodity), String(t.depositGroup), String(t.mechanisation), String(t.scale)];
    const members = new Map<string, Site[]>(types.map((t) => [t.id, []]));
    const unassigned: Site[] = [];
    for (const s of sites) {
      let best: Rec | null = null;
      let bestSpec = -1;
      for (const t of types) {
        const key = keyOf(t);
        if (!key.every((d, i) => !d || d === s.key[i])) continue;
        const spec = key.filter(Boolean).length;
        if (spec > bestSpec) [best, bestSpec] = [t, spec];
      }
      if (best) members.get(best.id)!.push(s);
      else unassigned.push(s);
    }
    const categories = this.categories(ws);
    const cells = this.p1.live(ws, 'capacity_cell');
    const capacityMean = cells.length ? sum(cells.map((c) => c.score as number)) / cells.length : null;
    const scores = this.p1.live(ws, 'type_score');
    const criteria = this.criteria(ws);
    const profiles: TypeProfile[] = types.map((t) => {
      const ms = members.get(t.id)!;
      const techniques = tally(ms.map((s) => s.techniques));
      const bad = (code: string) => categories.get(code) === 'unacceptable';
      const miners: Miners = { female: sum(ms.map((s) => s.female)), male: sum(ms.map((s) => s.male)), under18: sum(ms.map((s) => s.under18)), total: sum(ms.map((s) => s.female + s.male)) };
      const leverage = t.leverage as number | null;
      return {
        ...(this.p1.out(t) as unknown as TypeProfile),
        rank: 0,
        total: 0,
        scores: {},
        sites: ms.length,
        miners,
        regions: [...new Set(ms.map((s) => s.adminUnit))].sort(),
        techniques,
        impacts: tally(ms.map((s) => s.impacts)),
        unacceptable: techniques.filter((x) => bad(x.code)).map((x) => x.code),
        unacceptableSites: ms.filter((s) => s.techniques.some(bad)).length,
        mercuryKg: { low: sum(ms.map((s) => s.mercury[0])), high: sum(ms.map((s) => s.mercury[1])) },
        productionValueUsd: sum(ms.map((s) => s.value)),
        leverageScore: leverage ?? capacityMean ?? 0,
        leverageFromCapacity: leverage === null,
        manualScores: Object.fromEntries(scores.filter((s) => s.typeId === t.id).map((s) => [String(s.criterionId), s.score as number])),
        manualScoreIds: Object.fromEntries(scores.filter((s) => s.typeId === t.id).map((s) => [String(s.criterionId), String(s.id)])),
      };
    });
    const most = (f: (p: TypeProfile) => number) => Math.max(0, ...profiles.map(f));
    const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
    const weights = sum(criteria.map((c) => c.weight));
    for (const p of profiles) {
      let total = 0;
      for (const c of criteria) {
        const score =
          c.basis === 'people_affected'
            ? share(p.miners.total, most((x) => x.miners.total))
            : c.basis === 'unacceptable_severity'
              ? share(p.unacceptableSites, p.sites)
              : c.basis === 'economic_value'
                ? share(p.productionValueUsd, most((x) => x.productionValueUsd))
                : c.basis === 'government_leverage'
                  ? p.leverageScore / 3
                  : (p.manualScores[c.id ?? ''] ?? 0) / 5;
        p.scores[c.basis === 'manual' ? c.id! : c.basis] = score;
        total += score * c.weight;
      }
      p.total = weights > 0 ? (100 * total) / weights : 0;
    }
    profiles.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    profiles.forEach((p, i) => (p.rank = i + 1));
    return { profiles, unassigned, members, criteria, capacityMean };
  }

  private proposals(ws: string): TypeProposal[] {
    const defined = new Set(this.p1.live(ws, 'asm_type').map((t) => [t.commodity, t.depositGroup, t.mechanisation, t.scale].join('|')));
    return this.propose(this.sites(ws))
      .filter((p) => !defined.has(p.key.join('|')))
      .map((p) => ({
        name: this.typeName(p.key),
        commodity: p.key[0],
        depositGroup: p.key[1],
        mechanisation: p.key[2],
        scale: p.key[3],
        sites: p.sites.length,
        miners: sum(p.sites.map((s) => s.female + s.male)),
      }));
  }

  types(ws: string): TypesView {
    const { profiles, unassigned, criteria, capacityMean } = this.profiles(ws);
    return {
      types: profiles,
      unassigned: { count: unassigned.length, sites: unassigned.slice(0, 50).map((s) => ({ id: s.id, name: s.name })) },
      proposals: this.proposals(ws),
      criteria,
      capacityMean,
    };
  }

  acceptProposals(ws: string): { created: number } {
    this.writable(ws);
    const proposals = this.proposals(ws);
    for (const p of proposals) {
      this.p1.save(ws, 'asm_type', null, { name: p.name, commodity: p.commodity, depositGroup: p.depositGroup, mechanisation: p.mechanisation, scale: p.scale, toFormalise: true });
    }
    return { created: proposals.length };
  }

  strategies(ws: string): StrategiesView {
    const { profiles } = this.profiles(ws);
    const plans = this.rows(ws, 'type_strategy');
    const measures = this.rows(ws, 'strategy_measure');
    return {
      types: profiles.map((p) => {
        const own = measures.filter((m) => m.typeId === p.id);
        const actionOn = (code: string) => ACTION_ORDER.find((a) => own.some((m) => m.action === a && (m.techniques as string[]).includes(code))) ?? null;
        const categories = this.categories(ws);
        return {
          type: p,
          strategy: (plans.find((s) => s.typeId === p.id) ?? null) as StrategiesView['types'][number]['strategy'],
          measures: own as unknown as StrategiesView['types'][number]['measures'],
          techniques: p.techniques.map((x) => ({ code: x.code, category: categories.get(x.code) ?? 'good', sites: x.sites, action: actionOn(x.code) as 'eliminate' | null })),
        };
      }),
    };
  }

  private findings(ws: string): Finding[] {
    const lang = this.lang();
    const { profiles, unassigned, members } = this.profiles(ws);
    const plans = this.p1.live(ws, 'type_strategy');
    const measures = this.p1.live(ws, 'strategy_measure');
    const label = (list: string, code: string) => catalogue(lang, list).find((e) => e.code === code)?.label ?? code;
    const flows = this.p1.live(ws, 'supply_flow').filter((f) => f.crossBorder);
    const out: Finding[] = [];
    const add = (rule: Finding['rule'], section: Finding['section'], step: Finding['step'], typeId: string | null, params: Record<string, string | number>, goalId: string | null = null) =>
      out.push({ rule, message: message(lang, `finding.${rule}`, params), step, section, typeId, goalId });
    if (unassigned.length) add('sites_unassigned', 'types', '2.2', null, { count: unassigned.length });
    for (const p of profiles) {
      const plan = plans.find((s) => s.typeId === p.id);
      const own = measures.filter((m) => m.typeId === p.id);
      const type = p.name;
      const economics = (plan && plan.allocateLand) || own.some((m) => m.approach === 'economics');
      const impacts = (plan && plan.impactsApproach) || own.some((m) => m.approach === 'impacts');
      if (!economics || !impacts) add('type_without_approaches', 'strategy', '2.3', p.id, { type });
      const left = p.unacceptable.filter((code) => !own.some((m) => m.action === 'eliminate' && (m.techniques as string[]).includes(code)));
      if (left.length) add('unacceptable_not_eliminated', 'strategy', '2.3', p.id, { type, techniques: left.map((c) => label('techniques', c)).join(', ') });
      if (p.toFormalise && !plan?.licenceType) add('no_licence_type', 'strategy', '2.3', p.id, { type });
      if (flows.some((f) => !f.commodity || !p.commodity || f.commodity === p.commodity) && !String(plan?.transboundary ?? '').trim())
        add('transboundary_missing', 'strategy', '2.3', p.id, { type });
      const restricted = (members.get(p.id) ?? []).filter((s) => s.legalStatus === 'inside_lsm_concession' || s.legalStatus === 'inside_protected_area').length;
      if (plan?.allocateLand === 'yes' && !String(plan.landNotes).trim() && restricted > 0) add('land_conflict', 'strategy', '2.3', p.id, { type, count: restricted });
    }
    for (const m of measures.filter((x) => x.action === 'promote')) {
      for (const code of m.techniques as string[]) {
        if (measures.some((x) => x.action === 'eliminate' && (x.techniques as string[]).includes(code))) {
          const type = profiles.find((p) => p.id === m.typeId);
          add('contradictory_measures', 'strategy', '2.3', type?.id ?? null, { type: type?.name ?? '', technique: label('techniques', code), instrument: label('instruments', String(m.instrument)) });
        }
      }
    }
    for (const g of this.p1.live(ws, 'strategy_goal')) {
      if (!measures.some((m) => (m.goals as string[]).includes(g.id))) add('goal_without_measure', 'strategy', '2.3', null, { type: '', goal: String(g.statement) }, g.id);
    }
    return out;
  }

  private annexC(ws: string, findings: Finding[]): AnnexCRow[] {
    const lang = this.lang();
    const measures = this.p1.live(ws, 'strategy_measure');
    const plans = this.p1.live(ws, 'type_strategy');
    const uses = (code: string) => measures.some((m) => m.instrument === code);
    const processing = new Set(catalogue('en', 'techniques').filter((e) => e.stage === 'processing').map((e) => e.code));
    const covered: Record<string, boolean> = {
      a: this.p1.live(ws, 'strategy_goal').some((g) => String(g.target).trim()),
      b: this.p1.live(ws, 'asm_type').length > 0 && !findings.some((f) => f.rule === 'unacceptable_not_eliminated'),
      c: plans.some((p) => p.licenceType),
      d: this.p1.live(ws, 'site').some((s) => s.mercuryKgLow !== null || s.mercuryKgHigh !== null),
      e: measures.some((m) => (m.action === 'eliminate' || m.action === 'improve') && (m.techniques as string[]).some((c) => processing.has(c))),
      f: uses('mercury_trade_controls') || plans.some((p) => String(p.transboundary).trim()),
      g: this.p1.live(ws, 'consultation_event').length > 0,
      h: uses('public_health_strategy'),
      i: uses('education_workers_children'),
      j: uses('education_training'),
      k: false,
    };
    return catalogue(lang, 'annex_c_elements').map((e) => ({
      code: e.code,
      label: e.label,
      covered: covered[e.code] ?? false,
      detail: message(lang, `annex_c.${e.code}.${covered[e.code] ? 'covered' : 'gap'}`),
    }));
  }

  finalise(ws: string): FinaliseView {
    const b = this.book(ws);
    const findings = this.findings(ws);
    return {
      findings,
      annexC: this.annexC(ws, findings),
      version: { number: b.number, locked: b.locked, signedBy: b.signedBy, signedAt: b.signedAt, note: b.note, openFindings: b.openFindings },
      versions: b.signed.map((v) => ({ number: v.number, signedBy: v.signedBy, signedAt: v.signedAt, note: v.note, openFindings: v.openFindings })),
    };
  }

  signOff(ws: string, note: string): FinaliseView {
    this.writable(ws);
    const findings = this.findings(ws);
    if (findings.length && !note.trim()) throw uiError(this.lang(), 'strategy.incoherent', 'strategy.incoherent', { count: findings.length });
    const b = this.book(ws);
    const at = this.now();
    const signed = { note: note.trim(), openFindings: findings.length };
    Object.assign(b, { locked: true, signedBy: this.officer(), signedAt: at, ...signed });
    b.signed.push({ number: b.number, signedBy: this.officer(), signedAt: at, ...signed, records: this.snapshot(ws) });
    return this.finalise(ws);
  }

  startVersion(ws: string): FinaliseView {
    const b = this.book(ws);
    if (!b.locked) throw uiError(this.lang(), 'strategy.not_signed', 'strategy.not_signed');
    Object.assign(b, { number: b.number + 1, locked: false, signedBy: null, signedAt: null, note: '', openFindings: 0 });
    return this.finalise(ws);
  }

  private snapshot(ws: string): Rec[] {
    return KINDS.flatMap((k) => this.p1.live(ws, k)).map((r) => JSON.parse(JSON.stringify(r)) as Rec);
  }

  compare(ws: string, from: number, to: number | null): VersionComparison {
    const b = this.book(ws);
    const records = (n: number | null) => {
      if (n === null || (n === b.number && !b.locked)) return this.snapshot(ws);
      const v = b.signed.find((x) => x.number === n);
      if (!v) throw uiError(this.lang(), 'store.not_found', 'store.not_found', { what: message(this.lang(), 'what.strategy_version') });
      return v.records;
    };
    const before = new Map(records(from).map((r) => [r.id, r]));
    const after = new Map(records(to).map((r) => [r.id, r]));
    const lang = this.lang();
    const label = (r: Rec): string => {
      if (r.kind === 'technique_assessment') return catalogue(lang, 'techniques').find((e) => e.code === r.technique)?.label ?? String(r.technique);
      if (r.kind === 'strategy_measure') return catalogue(lang, 'instruments').find((e) => e.code === r.instrument)?.label ?? String(r.instrument);
      return String(r.name || r.statement || r.description || r.kind);
    };
    const meta = new Set(['id', 'kind', 'workspaceId', 'createdAt', 'updatedAt', 'version', 'deleted']);
    const changes: VersionComparison['changes'] = [];
    for (const [id, r] of after) {
      const old = before.get(id);
      if (!old) changes.push({ kind: r.kind, id, label: label(r), change: 'added', fields: [] });
      else {
        const fields = Object.keys(r).filter((k) => !meta.has(k) && JSON.stringify(r[k]) !== JSON.stringify(old[k]));
        if (fields.length) changes.push({ kind: r.kind, id, label: label(r), change: 'changed', fields });
      }
    }
    for (const [id, r] of before) if (!after.has(id)) changes.push({ kind: r.kind, id, label: label(r), change: 'removed', fields: [] });
    return { from, to, changes };
  }
}
