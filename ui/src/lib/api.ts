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
};
