// A fake of the Rust side, for the dev-only preview (preview.html) and the component tests.
// It follows docs/commands.md: same commands, argument names, answers and UiError shape. Its
// texts are fixtures, not the real guidance (which lives in assets/guidance and comes from Rust).
import type {
  AppState,
  ChecklistItem,
  ConflictResolution,
  FieldError,
  Home,
  Installation,
  Lang,
  Note,
  NoteKind,
  PhaseNumber,
  StepId,
  StepPage,
  StepStatus,
  StepSummary,
  UiError,
  Workspace,
} from '../lib/api';
import { seedPhase1 } from './fakeDemo';
import { allCatalogues, Phase1 } from './fakePhase1';
import { Phase2 } from './fakePhase2';
import { Phase3, seedPhase3 } from './fakePhase3';
import { nationalView } from './fakeNational';
import { Exports, type ExportFile } from './fakeExports';
import { Sync, type BundleFile } from './fakeSync';

type L = Record<Lang, string>;
interface ItemDef {
  key: string;
  label: L;
  hint?: L;
  required: boolean;
}
interface StepDef {
  step: StepId;
  phase: PhaseNumber;
  title: L;
  items: ItemDef[];
}

const PHASES: Record<PhaseNumber, { title: L; output: L }> = {
  1: { title: { en: 'Getting started', fr: 'Démarrer' }, output: { en: 'Context Report', fr: 'Rapport de contexte' } },
  2: {
    title: { en: 'Developing the strategy', fr: 'Élaborer la stratégie' },
    output: { en: 'ASM Management Strategy', fr: 'Stratégie de gestion de l’EMAPE' },
  },
  3: {
    title: { en: 'Implementing', fr: 'Mettre en œuvre' },
    output: { en: 'Implementation Plan, M&E Plan and review reports', fr: 'Plan de mise en œuvre, plan de S&E et rapports de revue' },
  },
};

const item = (key: string, en: string, fr: string, required = true, hint?: L): ItemDef => ({ key, label: { en, fr }, hint, required });

export const STEPS: StepDef[] = [
  {
    step: '1.1',
    phase: 1,
    title: { en: 'Establish a task force', fr: 'Constituer un groupe de travail' },
    items: [
      item('mandate', 'Mandate or legal basis adopted', 'Mandat ou base juridique adopté', true, {
        en: 'A decree, ministerial order or cabinet decision that creates the task force.',
        fr: 'Un décret, un arrêté ou une décision du conseil des ministres qui crée le groupe de travail.',
      }),
      item('lead_agency', 'Lead agency and chair named', 'Agence chef de file et président désignés'),
      item('members', 'Mining, environment, land, finance, planning, water and labour represented', 'Mines, environnement, foncier, finances, plan, eau et travail représentés', true, {
        en: 'Each with a named focal person.',
        fr: 'Chacun avec un point focal nommé.',
      }),
      item('budget', 'Budget for the process secured', 'Budget du processus obtenu'),
      item('first_meeting', 'First meeting held and minuted', 'Première réunion tenue et consignée', false),
    ],
  },
  {
    step: '1.2',
    phase: 1,
    title: { en: 'Establish a stakeholder forum', fr: 'Créer un forum des parties prenantes' },
    items: [
      item('tor', 'Terms of reference agreed', 'Termes de référence adoptés'),
      item('register', 'Stakeholder register started', 'Registre des parties prenantes commencé'),
      item('miners', 'Miners’ associations and women miners invited', 'Associations de mineurs et femmes mineures invitées'),
      item('first_event', 'First consultation held', 'Première consultation tenue'),
    ],
  },
  {
    step: '1.3',
    phase: 1,
    title: { en: 'Understand the context', fr: 'Analyser le contexte' },
    items: [
      item('sector', 'Sector overview per site or area', 'Aperçu du secteur par site ou zone'),
      item('capacity', 'Government capacity assessed', 'Capacités de l’administration évaluées'),
      item('supply_chain', 'Supply chain mapped', 'Chaîne d’approvisionnement cartographiée'),
      item('political_economy', 'Political economy analysed', 'Économie politique analysée'),
      item('mercury', 'Mercury use estimated with method', 'Utilisation de mercure estimée, avec la méthode', false),
    ],
  },
  {
    step: '1.4',
    phase: 1,
    title: { en: 'Identify partners', fr: 'Identifier les partenaires' },
    items: [
      item('list', 'Partners and their programmes listed', 'Partenaires et programmes recensés'),
      item('roles', 'Roles agreed (design, finance, implement, monitor)', 'Rôles convenus (conception, financement, mise en œuvre, suivi)'),
      item('funding', 'Funding commitments recorded', 'Engagements de financement enregistrés'),
    ],
  },
  {
    step: '2.1',
    phase: 2,
    title: { en: 'Articulate a vision', fr: 'Formuler une vision' },
    items: [
      item('issues', 'Issues listed with evidence', 'Enjeux listés avec leurs preuves'),
      item('techniques', 'Techniques assessed as unacceptable, poor or good', 'Techniques classées inacceptables, médiocres ou bonnes'),
      item('goals', 'Goals with indicators', 'Objectifs assortis d’indicateurs'),
      item('vision', 'Vision statement validated by the forum', 'Vision validée par le forum'),
    ],
  },
  {
    step: '2.2',
    phase: 2,
    title: { en: 'Define ASM types and priorities', fr: 'Définir les types d’EMAPE et les priorités' },
    items: [
      item('types', 'ASM types defined', 'Types d’EMAPE définis'),
      item('criteria', 'Prioritisation criteria and weights agreed', 'Critères et pondérations de priorisation convenus'),
      item('ranking', 'Types ranked with a justification', 'Types classés avec une justification'),
    ],
  },
  {
    step: '2.3',
    phase: 2,
    title: { en: 'Develop a strategy for each type', fr: 'Élaborer une stratégie par type' },
    items: [
      item('economics', 'Economics approach chosen per type', 'Approche économique choisie par type'),
      item('impacts', 'Impacts approach chosen per technique', 'Approche des impacts choisie par technique'),
      item('instruments', 'Instruments linked to each choice', 'Instruments liés à chaque choix'),
    ],
  },
  {
    step: '2.4',
    phase: 2,
    title: { en: 'Finalise the strategy', fr: 'Finaliser la stratégie' },
    items: [
      item('coherence', 'Coherence checks done', 'Contrôles de cohérence effectués'),
      item('licences', 'A licence type for every type to formalise', 'Un type de licence pour chaque type à formaliser'),
      item('transboundary', 'Transboundary concerns addressed', 'Questions transfrontalières traitées'),
      item('signoff', 'Strategy signed off', 'Stratégie approuvée'),
    ],
  },
  {
    step: '3.1',
    phase: 3,
    title: { en: 'Prepare for implementation', fr: 'Préparer la mise en œuvre' },
    items: [
      item('actions', 'Actions planned with owners and budget', 'Actions planifiées avec responsables et budget'),
      item('capacity', 'Capacity building planned', 'Renforcement des capacités planifié'),
      item('legal', 'Legal reforms listed', 'Réformes juridiques recensées'),
      item('registers', 'Registers set up', 'Registres mis en place'),
    ],
  },
  {
    step: '3.2',
    phase: 3,
    title: { en: 'Implement', fr: 'Mettre en œuvre' },
    items: [
      item('progress', 'Progress logged for each action', 'Avancement consigné pour chaque action'),
      item('spend', 'Spending recorded', 'Dépenses enregistrées'),
    ],
  },
  {
    step: '3.3',
    phase: 3,
    title: { en: 'Monitor and evaluate', fr: 'Suivre et évaluer' },
    items: [
      item('indicators', 'Indicators with baselines and targets', 'Indicateurs avec situation de référence et cibles'),
      item('measurements', 'First measurements recorded', 'Premières mesures enregistrées'),
      item('review', 'First review held', 'Première revue tenue'),
    ],
  },
];

interface ItemState {
  ticked: boolean;
  date: string | null;
  note: string;
  by: string | null;
  updatedAt: number | null;
}

const MESSAGES: Record<Lang, Record<string, string>> = {
  en: {
    validation: 'Some answers need correcting. Each one is listed below, next to its field.',
    officeName: 'Enter the name of your office, for example "Bukavu district mining office".',
    country: 'Enter the country this office works in.',
    officerName: 'Enter your name, so that your work is signed with it.',
    officerRole: 'Enter your role, for example "District mining officer".',
    name: 'Enter a name for the workspace, for example "ASM strategy 2027–2030".',
    jurisdiction: 'Enter the jurisdiction the strategy covers, for example a country or province.',
    text: 'Write the note before adding it.',
    archived: 'This workspace is archived. Unarchive it from Workspaces before changing it.',
    not_found: 'This workspace no longer exists. It may have been deleted; reload the list and choose another.',
  },
  fr: {
    validation: 'Certaines réponses sont à corriger. Chacune est indiquée ci-dessous, à côté de son champ.',
    officeName: 'Saisissez le nom de votre bureau, par exemple « Bureau minier du district de Bukavu ».',
    country: 'Saisissez le pays où travaille ce bureau.',
    officerName: 'Saisissez votre nom, pour que votre travail soit signé.',
    officerRole: 'Saisissez votre fonction, par exemple « Agent minier de district ».',
    name: 'Saisissez un nom pour l’espace de travail, par exemple « Stratégie EMAPE 2027–2030 ».',
    jurisdiction: 'Saisissez la juridiction couverte par la stratégie, par exemple un pays ou une province.',
    text: 'Écrivez la note avant de l’ajouter.',
    archived: 'Cet espace de travail est archivé. Désarchivez-le depuis Espaces de travail avant de le modifier.',
    not_found: 'Cet espace de travail n’existe plus. Il a peut-être été supprimé ; rechargez la liste et choisissez-en un autre.',
  },
};

/** The fake's today (its clock starts on 2026-11-28), for the forum's regularity. */
const FAKE_TODAY = '2026-11-28';

export interface FakeOptions {
  /** 'setup': nothing yet; 'empty': set up, no workspace; 'demo': set up with a filled workspace. */
  scenario?: 'setup' | 'empty' | 'demo';
  language?: Lang;
  /** Answer after this many ms, to see the "Saving…" state. */
  latency?: number;
  /** Sites in the demo workspace (default 240; try 10000 for paging). */
  sites?: number;
  /** What the fake "native open dialog" of import_open gives: the canned file (default), nothing, or a damaged file. */
  importFile?: 'canned' | 'cancel' | 'unreadable';
  /** What the fake dialogs of export_bundle / bundle_open give: the canned bundle, nothing, a refused one, or a sealed one. */
  bundleFile?: BundleFile;
  /** What the fake save dialog of export_register / export_document gives: a file (default), nothing, or an unwritable file. */
  exportFile?: ExportFile;
  /** How long export_document takes to "make" the document, in ms (default 1200, to see its progress). */
  documentDelay?: number;
}

export class FakeBackend {
  language: Lang;
  installation: Installation | null = null;
  workspaces: Workspace[] = [];
  current: string | null = null;
  items = new Map<string, ItemState>(); // `${workspace}|${step}|${key}`
  notes = new Map<string, Note[]>(); // `${workspace}|${step}`
  drafts = new Map<string, string>();
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  /** Phase 1 records (task force, forum, sites, context, partners) and import sessions. */
  phase1: Phase1;
  /** Phase 2: the strategy records (kept with the Phase 1 ones) and the version book. */
  phase2: Phase2;
  /** Phase 3: the plan, M&E and licence registry (records kept with the Phase 1 ones). */
  phase3: Phase3;
  /** Sync: the office key, trusted keys, bundles sent and received, open conflicts. */
  sync: Sync;
  /** Registers and phase documents out of Lode. */
  exports: Exports;
  importFile: 'canned' | 'cancel' | 'unreadable';
  private seq = 0;
  private latency: number;
  private siteCount: number;
  private documentDelay: number;

  constructor(options: FakeOptions = {}) {
    this.language = options.language ?? 'en';
    this.latency = options.latency ?? 0;
    this.siteCount = options.sites ?? 240;
    this.documentDelay = options.documentDelay ?? 1200;
    this.importFile = options.importFile ?? 'canned';
    this.phase1 = new Phase1(
      () => this.now(),
      () => this.language,
      () => this.installation?.office.id ?? 'office-1',
    );
    this.phase2 = new Phase2(
      this.phase1,
      () => this.now(),
      () => this.language,
      () => this.installation?.officerName ?? '',
    );
    this.phase3 = new Phase3(
      this.phase1,
      this.phase2,
      () => this.now(),
      () => this.language,
      () => this.installation?.officerName ?? '',
    );
    this.sync = new Sync(
      () => this.now(),
      () => this.language,
      () => this.installation?.officerName ?? '',
      options.bundleFile,
    );
    this.exports = new Exports(() => this.language, () => FAKE_TODAY, options.exportFile ?? 'saved');
    const scenario = options.scenario ?? 'demo';
    if (scenario !== 'setup') {
      this.installation = {
        office: { id: 'office-1', name: 'Lwanga provincial mining office', level: 'province', country: 'Demo Republic', parentName: 'National Directorate of Mines' },
        officerName: 'Amina Diallo',
        officerRole: 'Provincial mining officer',
        language: this.language,
      };
    }
    if (scenario === 'demo') this.seedDemo();
  }

  private now(): number {
    return Date.UTC(2026, 10, 28, 9, 30) + this.seq++ * 60_000;
  }

  private seedDemo() {
    const ws = this.addWorkspace('Lwanga Province ASM strategy 2027–2030', 'Lwanga Province');
    this.addWorkspace('Kivu gold pilot (2024)', 'Kivu district').archived = true;
    this.current = ws.id;
    const tick = (step: StepId, key: string, date: string, note = '') =>
      this.items.set(`${ws.id}|${step}|${key}`, { ticked: true, date, note, by: 'Amina Diallo', updatedAt: this.now() });
    tick('1.1', 'mandate', '2026-09-14', 'Ministerial order 2026/114');
    tick('1.1', 'lead_agency', '2026-09-20');
    tick('1.1', 'members', '2026-10-02', 'Labour focal person still to be confirmed');
    tick('1.1', 'first_meeting', '2026-10-09');
    tick('1.2', 'tor', '2026-10-15');
    tick('1.3', 'sector', '2026-11-02');
    for (const d of STEPS.filter((s) => s.step === '1.4')) for (const i of d.items) tick('1.4', i.key, '2026-11-10');
    this.notes.set(`${ws.id}|1.1`, [
      { id: 'n2', text: 'Decision: the first stakeholder forum will meet in Lwanga town in February, with miners’ associations from each district.', kind: 'decision', author: 'Amina Diallo', createdAt: this.now() },
      { id: 'n1', text: 'Ministry of Mines confirmed it will chair the task force; Environment and Finance have named focal persons.', kind: 'note', author: 'Joseph Mbeki', createdAt: Date.UTC(2026, 9, 2, 14, 5) },
    ]);
    this.drafts.set(`${ws.id}|1.1`, 'Ask Finance for the budget line number');
    seedPhase1(this.phase1, ws.id, this.language, this.siteCount);
    seedPhase3(this.phase1, ws.id, this.language);
    this.sync.seed();
  }

  private addWorkspace(name: string, jurisdiction: string): Workspace {
    const at = this.now();
    const w: Workspace = { id: `ws-${this.workspaces.length + 1}`, name, jurisdiction, archived: false, createdAt: at, updatedAt: at };
    this.workspaces.push(w);
    return w;
  }

  /** The handler to give to mockIPC. */
  handle = async (cmd: string, payload?: Record<string, unknown>): Promise<unknown> => {
    const args = payload ?? {};
    this.calls.push({ cmd, args });
    if (this.latency > 0) await new Promise((r) => setTimeout(r, this.latency));
    if (cmd === 'export_document' && this.documentDelay > 0) await new Promise((r) => setTimeout(r, this.documentDelay));
    return this.dispatch(cmd, args);
  };

  private dispatch(cmd: string, a: Record<string, unknown>): unknown {
    const s = (k: string) => String(a[k] ?? '');
    switch (cmd) {
      case 'get_app_state':
        return this.appState();
      case 'setup_installation': {
        this.require(['officeName', 'country', 'officerName', 'officerRole'], a);
        this.language = a.language as Lang;
        this.installation = {
          office: { id: 'office-1', name: s('officeName'), level: a.level as Installation['office']['level'], country: s('country'), parentName: s('parentOffice') || null },
          officerName: s('officerName'),
          officerRole: s('officerRole'),
          language: this.language,
        };
        return this.appState();
      }
      case 'set_language':
        this.language = a.language as Lang;
        if (this.installation) this.installation.language = this.language;
        return this.appState();
      case 'create_workspace': {
        this.require(['name', 'jurisdiction'], a);
        this.current = this.addWorkspace(s('name'), s('jurisdiction')).id;
        return this.appState();
      }
      case 'rename_workspace':
        this.require(['name'], a);
        this.workspace(s('workspaceId')).name = s('name');
        return this.appState();
      case 'set_workspace_archived':
        this.workspace(s('workspaceId')).archived = Boolean(a.archived);
        return this.appState();
      case 'open_workspace':
        this.current = this.workspace(s('workspaceId')).id;
        return this.appState();
      case 'get_home':
        return this.home(s('workspaceId'));
      case 'get_step':
        return this.page(s('workspaceId'), a.step as StepId);
      case 'set_checklist_item': {
        const w = this.writable(s('workspaceId'));
        this.items.set(`${w.id}|${s('step')}|${s('key')}`, {
          ticked: Boolean(a.ticked),
          date: (a.date as string | null) ?? null,
          note: s('note'),
          by: this.installation?.officerName ?? null,
          updatedAt: this.now(),
        });
        return this.page(w.id, a.step as StepId);
      }
      case 'save_note_draft':
        this.drafts.set(`${this.writable(s('workspaceId')).id}|${s('step')}`, s('text'));
        return null;
      case 'add_note': {
        const w = this.writable(s('workspaceId'));
        this.require(['text'], a);
        const k = `${w.id}|${s('step')}`;
        const note: Note = { id: `note-${++this.seq}`, text: s('text').trim(), kind: a.kind as NoteKind, author: this.installation?.officerName ?? '', createdAt: this.now() };
        this.notes.set(k, [note, ...(this.notes.get(k) ?? [])]);
        this.drafts.set(k, '');
        return this.page(w.id, a.step as StepId);
      }
      case 'delete_note': {
        const w = this.writable(s('workspaceId'));
        const k = `${w.id}|${s('step')}`;
        this.notes.set(k, (this.notes.get(k) ?? []).filter((n) => n.id !== s('noteId')));
        return this.page(w.id, a.step as StepId);
      }
      case 'get_catalogues':
        return allCatalogues(this.language);
      case 'save_record':
        return this.phase1.save(this.writable(s('workspaceId')).id, s('kind'), (a.id as string | null) ?? null, (a.fields ?? {}) as Record<string, unknown>);
      case 'delete_record':
        return this.phase1.delete(this.writable(s('workspaceId')).id, s('kind'), s('id'));
      case 'get_task_force':
        return this.phase1.taskForce(this.workspace(s('workspaceId')).id);
      case 'get_forum':
        return this.phase1.forum(this.workspace(s('workspaceId')).id, FAKE_TODAY);
      case 'get_context':
        return this.phase1.context(this.workspace(s('workspaceId')).id);
      case 'list_sites':
        return this.phase1.listSites(this.workspace(s('workspaceId')).id, (a.query ?? {}) as Record<string, never>);
      case 'get_partners':
        return this.phase1.partners(this.workspace(s('workspaceId')).id);
      case 'import_open':
        return this.phase1.importOpen(this.writable(s('workspaceId')).id, s('kind'), this.importFile);
      case 'import_remap':
        return this.phase1.importRemap(s('importId'), (a.mapping ?? {}) as Record<string, string | null>);
      case 'import_commit': {
        const session = this.phase1.sessions.get(s('importId'));
        if (session) this.writable(session.workspaceId);
        return this.phase1.importCommit(s('importId'));
      }
      case 'import_cancel':
        return this.phase1.importCancel(s('importId'));
      case 'get_vision':
        return this.phase2.vision(this.workspace(s('workspaceId')).id);
      case 'get_types':
        return this.phase2.types(this.workspace(s('workspaceId')).id);
      case 'accept_proposed_types':
        return this.phase2.acceptProposals(this.writable(s('workspaceId')).id);
      case 'get_strategies':
        return this.phase2.strategies(this.workspace(s('workspaceId')).id);
      case 'get_finalise':
        return this.phase2.finalise(this.workspace(s('workspaceId')).id);
      case 'sign_off_strategy':
        return this.phase2.signOff(this.writable(s('workspaceId')).id, typeof a.note === 'string' ? a.note : '');
      case 'start_strategy_version':
        return this.phase2.startVersion(this.writable(s('workspaceId')).id);
      case 'compare_strategy_versions':
        return this.phase2.compare(this.workspace(s('workspaceId')).id, Number(a.from), a.to === null || a.to === undefined ? null : Number(a.to));
      case 'get_plan':
        return this.phase3.plan(this.workspace(s('workspaceId')).id);
      case 'get_progress':
        return this.phase3.progress(this.workspace(s('workspaceId')).id);
      case 'get_monitoring':
        return this.phase3.monitoring(this.workspace(s('workspaceId')).id);
      case 'record_computed_measurement':
        return this.phase3.recordComputed(this.writable(s('workspaceId')).id, s('indicatorId'), s('on'));
      case 'get_trace':
        return this.phase3.trace(this.workspace(s('workspaceId')).id, (a.goalId as string | null) ?? null, (a.actionId as string | null) ?? null);
      case 'list_licence_holders':
        return this.phase3.listHolders(this.workspace(s('workspaceId')).id, (a.query ?? {}) as Record<string, never>);
      case 'get_licence_holder':
        return this.phase3.holder(this.workspace(s('workspaceId')).id, s('id'));
      case 'check_licence_duplicates':
        return this.phase3.checkDuplicates(this.workspace(s('workspaceId')).id, (a.id as string | null) ?? null, (a.fields ?? {}) as Record<string, unknown>);
      case 'get_licence_summary':
        return this.phase3.summary(this.workspace(s('workspaceId')).id, (a.today as string | null) ?? null);
      case 'get_sync':
        return this.sync.view();
      case 'create_office_key':
        return this.sync.createOfficeKey();
      case 'trust_key':
        return this.sync.trustKey(s('officeName'), s('publicKey'));
      case 'revoke_key':
        return this.sync.revokeKey(s('keyId'));
      case 'create_sealing_key':
        return this.sync.createSealingKey(s('passphrase'));
      case 'set_seal_to':
        return this.sync.setSealTo(s('officeName'), s('recipient'));
      case 'export_bundle':
        return this.sync.exportBundle(Boolean(a.everything), Boolean(a.reference), Boolean(a.seal));
      case 'bundle_open':
        return this.sync.bundleOpen();
      case 'bundle_unlock':
        return this.sync.bundleUnlock(s('pendingId'), s('passphrase'));
      case 'bundle_apply':
        return this.sync.bundleApply(s('previewId'));
      case 'bundle_cancel':
        return this.sync.bundleCancel(s('previewId'));
      case 'resolve_conflict':
        return this.sync.resolveConflict(Number(a.id), (a.resolution ?? {}) as ConflictResolution);
      case 'review_bundle':
        return this.sync.reviewBundle(s('bundleId'), s('state'), s('comment'));
      case 'get_national': {
        const own = this.workspaces.find((w) => w.id === this.current) ?? this.workspaces[0] ?? null;
        const today = (a.today as string | null) ?? new Date(this.now()).toISOString().slice(0, 10);
        return nationalView(this.language, today, own, (a.period as string | null | undefined) ?? 'quarter');
      }
      case 'export_register':
        this.workspace(s('workspaceId'));
        return this.exports.register(s('register'), s('format'), Boolean(a.includePersonalData));
      case 'export_document': {
        const w = this.workspace(s('workspaceId'));
        const draft = !this.phase2.finalise(w.id).version.locked;
        return this.exports.document(s('report'), s('format'), (a.lang as string | null | undefined) ?? null, draft);
      }
      case 'backup_to':
        return { path: '/home/amina/Documents/lode-backup-2026-11-28.lode', bytes: 1_482_752 };
      default:
        throw { code: 'internal', message: `Unknown command ${cmd}`, record: null, fields: [] } satisfies UiError;
    }
  }

  private require(fields: string[], a: Record<string, unknown>) {
    const missing: FieldError[] = fields
      .filter((f) => String(a[f] ?? '').trim() === '')
      .map((f) => ({ field: f, code: 'required', message: MESSAGES[this.language][f] }));
    if (missing.length > 0) throw { code: 'validation', message: MESSAGES[this.language].validation, record: null, fields: missing } satisfies UiError;
  }

  private workspace(id: string): Workspace {
    const w = this.workspaces.find((x) => x.id === id);
    if (!w) throw { code: 'store.not_found', message: MESSAGES[this.language].not_found, record: id, fields: [] } satisfies UiError;
    return w;
  }

  private writable(id: string): Workspace {
    const w = this.workspace(id);
    if (w.archived) throw { code: 'store.archived', message: MESSAGES[this.language].archived, record: id, fields: [] } satisfies UiError;
    return w;
  }

  appState(): AppState {
    return {
      installation: this.installation ? { ...this.installation, language: this.language } : null,
      language: this.language,
      workspaces: this.workspaces.map((w) => ({ ...w })),
      currentWorkspaceId: this.current,
    };
  }

  private checklist(wsId: string, def: StepDef): ChecklistItem[] {
    const lang = this.language;
    const shown = this.phase1.shownDone(wsId, def.step);
    return def.items.map((i) => {
      const st = this.items.get(`${wsId}|${def.step}|${i.key}`);
      return {
        key: i.key,
        label: i.label[lang],
        hint: i.hint?.[lang] ?? null,
        required: i.required,
        ticked: st?.ticked ?? false,
        shownByRecords: shown.has(i.key),
        date: st?.date ?? null,
        note: st?.note ?? '',
        by: st?.by ?? null,
        updatedAt: st?.updatedAt ?? null,
      };
    });
  }

  /** Required checklist items, met when ticked or shown by the records (as Rust's readiness). */
  private summary(wsId: string, def: StepDef): StepSummary {
    const list = this.checklist(wsId, def);
    const conditions = list.filter((i) => i.required).map((i) => ({ label: i.label, met: i.ticked || i.shownByRecords }));
    const done = conditions.filter((c) => c.met).length;
    const activity = list.some((i) => i.ticked || i.shownByRecords) || (this.notes.get(`${wsId}|${def.step}`)?.length ?? 0) > 0;
    const status: StepStatus = done === conditions.length && conditions.length > 0 ? 'complete' : done > 0 || activity ? 'in_progress' : 'not_started';
    return {
      step: def.step,
      title: def.title[this.language],
      status,
      readiness: conditions.length ? done / conditions.length : 0,
      done,
      total: conditions.length,
      missing: conditions.filter((c) => !c.met).map((c) => c.label),
    };
  }

  home(wsId: string): Home {
    const workspace = this.workspace(wsId);
    return {
      workspace: { ...workspace },
      phases: ([1, 2, 3] as PhaseNumber[]).map((p) => ({
        phase: p,
        title: PHASES[p].title[this.language],
        output: PHASES[p].output[this.language],
        steps: STEPS.filter((d) => d.phase === p).map((d) => this.summary(wsId, d)),
      })),
    };
  }

  page(wsId: string, step: StepId): StepPage {
    this.workspace(wsId);
    const def = STEPS.find((d) => d.step === step)!;
    const fr = this.language === 'fr';
    return {
      phase: def.phase,
      phaseTitle: PHASES[def.phase].title[this.language],
      summary: this.summary(wsId, def),
      guidance: {
        purpose: fr
          ? `Objectif de l’étape ${step} (texte fictif de l’aperçu) : qui doit être réuni, avec quel mandat, pour que la suite du processus ait une assise solide.`
          : `Purpose of step ${step} (preview text): who needs to be brought together, with what mandate, so that the rest of the process stands on firm ground.`,
        activities: fr
          ? ['Recenser les institutions concernées', 'Obtenir un mandat officiel', 'Tenir une première réunion']
          : ['List the institutions concerned', 'Obtain an official mandate', 'Hold a first meeting'],
        outputs: fr ? ['Mandat signé', 'Liste des membres et points focaux'] : ['Signed mandate', 'List of members and focal persons'],
      },
      checklist: this.checklist(wsId, def),
      notes: [...(this.notes.get(`${wsId}|${step}`) ?? [])],
      draft: this.drafts.get(`${wsId}|${step}`) ?? '',
    };
  }
}
