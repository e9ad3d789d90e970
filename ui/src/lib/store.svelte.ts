// App-wide state: what the backend said last (AppState, Home), where the officer is (view),
// and the one alert banner. Components read it directly; only the functions here change it.
import { api, toUiError, type AppState, type Home, type Lang, type Phase2Section, type StepId, type StepSummary, type SyncView, type UiError } from './api';
import { catalogues } from './catalogues.svelte';
import { setLocale } from './i18n.svelte';

export type View =
  | { name: 'home' }
  | { name: 'step'; step: StepId; section?: StepSection; typeId?: string; goalId?: string }
  | { name: 'workspaces' }
  | { name: 'settings' }
  | { name: 'sync' }
  | { name: 'national' };

/** A part of a step page opened directly: the sidebar's registers (licence holders are on step
 *  3.1), or a Phase 2 section (the "Go to" links of step 2.4's findings, which may also name the
 *  type or goal concerned). */
export type StepSection = RegisterSection | Phase2Section;
export type RegisterSection = 'sites' | 'stakeholders' | 'licences';
export const isRegisterSection = (section: StepSection | undefined): section is RegisterSection =>
  section === 'sites' || section === 'stakeholders' || section === 'licences';

export type Alert = { kind: 'error'; error: UiError } | { kind: 'info'; message: string };

class Store {
  app = $state<AppState | null>(null);
  home = $state<Home | null>(null);
  view = $state<View>({ name: 'home' });
  alert = $state<Alert | null>(null);
  /** Set when get_app_state itself failed: nothing else can be shown. */
  fatal = $state<UiError | null>(null);
  paletteOpen = $state(false);
  /** Open sync conflicts, for the sidebar badge; null until get_sync has answered. */
  syncConflicts = $state<number | null>(null);
  /** When this office last sent and last received a bundle (ms), for the top bar. */
  syncLast = $state<{ sent: number | null; received: number | null }>({ sent: null, received: null });

  get currentWorkspace() {
    const app = this.app;
    return app?.workspaces.find((w) => w.id === app.currentWorkspaceId) ?? null;
  }

  /** The view actually drawn: without an open workspace only Workspaces (or Settings, or Sync:
   *  keys and bundles belong to the office, not to a workspace; or the national view, which sums
   *  every workspace the office holds) makes sense. */
  get screen(): View {
    const app = this.app;
    const noWorkspace = !app?.currentWorkspaceId || app.workspaces.length === 0;
    if (noWorkspace && this.view.name !== 'settings' && this.view.name !== 'sync' && this.view.name !== 'national') return { name: 'workspaces' };
    return this.view;
  }

  async start(): Promise<void> {
    try {
      await this.apply(await api.getAppState());
    } catch (e) {
      this.fatal = toUiError(e);
    }
  }

  /** Every command that returns AppState goes through here, so language and workspace stay in step. */
  apply(state: AppState): Promise<void> {
    const previous = this.app;
    this.app = state;
    setLocale(state.language);
    const workspaceChanged = previous?.currentWorkspaceId !== state.currentWorkspaceId;
    const languageChanged = previous?.language !== state.language;
    if (state.currentWorkspaceId === null) {
      this.home = null;
      if (state.installation && state.workspaces.length > 0) this.view = { name: 'workspaces' };
    } else if (workspaceChanged || languageChanged) {
      // Step titles and missing items come translated from Rust: fetch them again.
      return this.loadHome();
    }
    return Promise.resolve();
  }

  /** After a bundle is applied another office's workspaces may have arrived: list them, and
   *  stay on the page the officer is on. */
  async refreshWorkspaces(): Promise<void> {
    this.app = await api.getAppState();
  }

  async loadHome(): Promise<void> {
    const id = this.app?.currentWorkspaceId;
    if (!id) return;
    try {
      const home = await api.getHome(id);
      // A slower answer for a workspace we have since left is dropped.
      if (this.app?.currentWorkspaceId === id) this.home = home;
    } catch (e) {
      this.showError(e);
    }
  }

  /** A step page answer carries the step's fresh summary: patch Home so sidebar and cards agree. */
  patchStep(summary: StepSummary): void {
    if (!this.home) return;
    for (const phase of this.home.phases) {
      const i = phase.steps.findIndex((s) => s.step === summary.step);
      if (i >= 0) phase.steps[i] = summary;
    }
  }

  async setLanguage(lang: Lang): Promise<void> {
    const before = this.app?.language ?? 'en';
    setLocale(lang); // switch the UI at once; the backend confirms
    try {
      await this.apply(await api.setLanguage(lang));
    } catch (e) {
      setLocale(before);
      this.showError(e);
    }
  }

  async openWorkspace(workspaceId: string): Promise<void> {
    try {
      const state = await api.openWorkspace(workspaceId);
      this.view = { name: 'home' };
      await this.apply(state);
    } catch (e) {
      this.showError(e);
    }
  }

  go(view: View): void {
    this.view = view;
    if (view.name === 'home') void this.loadHome();
  }

  /** The sidebar badge asks once at start; the Sync page keeps it current after that. */
  async loadSyncConflicts(): Promise<void> {
    try {
      this.noteSync(await api.getSync());
    } catch {
      // Only a hint: the Sync page itself says what went wrong when it is opened.
      this.syncConflicts = null;
    }
  }

  /** What the sidebar badge and the top bar say of sync, from the latest SyncView. */
  noteSync(sync: SyncView): void {
    this.syncConflicts = sync.conflicts.length;
    this.syncLast = { sent: sync.sent[0]?.createdAt ?? null, received: sync.received[0]?.receivedAt ?? null };
  }

  showError(e: unknown): void {
    this.alert = { kind: 'error', error: toUiError(e) };
  }

  showInfo(message: string): void {
    this.alert = { kind: 'info', message };
  }

  dismissAlert(): void {
    this.alert = null;
  }

  /** Back to the state before start(); for tests, which share this module. */
  reset(): void {
    this.app = null;
    this.home = null;
    this.view = { name: 'home' };
    this.alert = null;
    this.fatal = null;
    this.paletteOpen = false;
    this.syncConflicts = null;
    catalogues.reset();
    setLocale('en');
  }
}

export const store = new Store();
