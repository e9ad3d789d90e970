// One form for one record kind: the values being edited, the record's id (null: a new record),
// the field errors Rust sent back, and the save through the generic save_record. The field
// components in components/forms read and write a RecordForm directly, so a form is a list of
// fields and nothing else.
import { api, toUiError, type FieldError, type RecordKind, type RecordKinds, type UiError } from './api';
import { fieldMessages, summaryEntries } from './forms';
import { t } from './i18n.svelte';

export interface RecordFormOptions<K extends RecordKind> {
  kind: K;
  /** Prefix of the input ids: prefix "site" gives #site-admin-unit for the field adminUnit. */
  prefix: string;
  /** The empty record: its keys are exactly the fields sent to save_record. */
  blank: () => RecordKinds[K];
  workspaceId: () => string;
  /** Input ids that do not follow the prefix rule (field → id). */
  ids?: Record<string, string>;
  /** Just before sending (e.g. to update an existing record instead of adding a twin). */
  beforeSave?: () => void;
  /** Asked before sending, with the fields: false stops the save quietly (the caller shows why,
   *  e.g. likely duplicates to confirm). A rejection is shown as the save's error. */
  check?: (fields: RecordKinds[K]) => Promise<boolean>;
  /** After a successful save, with the record's id: reload the step's reader here. */
  saved?: (id: string) => unknown;
  /** After a refused save, with the error (e.g. to learn that the strategy is signed off). */
  failed?: (error: UiError) => void;
}

const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export class RecordForm<K extends RecordKind> {
  values = $state({} as RecordKinds[K]);
  /** The record being edited; null while creating one. */
  id = $state<string | null>(null);
  open = $state(false);
  error = $state<UiError | null>(null);
  busy = $state(false);
  /** When the last save succeeded (ms), for a "Saved" confirmation. */
  savedAt = $state<number | null>(null);
  /** Bumped by start(): inputs that keep their own text (numbers) take the new values. */
  generation = $state(0);
  /** Problems found before sending (text that is not a number), by field. */
  private local = $state<Record<string, string>>({});

  readonly kind: K;
  private options: RecordFormOptions<K>;

  constructor(options: RecordFormOptions<K>) {
    this.options = options;
    this.kind = options.kind;
    this.values = options.blank();
  }

  /** Field messages: what Rust said, and what the inputs found themselves. */
  get messages(): Record<string, string> {
    return { ...fieldMessages(this.error), ...this.local };
  }

  get summary(): FieldError[] {
    return summaryEntries(this.error);
  }

  idFor = (field: string): string => this.options.ids?.[field] ?? `${this.options.prefix}-${kebab(field)}`;

  /** Open the form on a record (its fields are copied) or on a new one (blank + `preset`). */
  start(id: string | null, record?: Partial<RecordKinds[K]> | null, preset: Partial<RecordKinds[K]> = {}): void {
    const blank = this.options.blank();
    const source = (record ? $state.snapshot(record) : {}) as Record<string, unknown>;
    const values = { ...blank } as Record<string, unknown>;
    for (const key of Object.keys(blank)) {
      if (key in source && source[key] !== undefined) values[key] = source[key];
    }
    Object.assign(values, preset);
    this.values = values as unknown as RecordKinds[K];
    this.id = id;
    this.error = null;
    this.local = {};
    this.savedAt = null;
    this.generation++;
    this.open = true;
  }

  close(): void {
    this.open = false;
    this.error = null;
    this.local = {};
  }

  /** The field as text for an input ("" for null). */
  text(field: string): string {
    const value = (this.values as unknown as Record<string, unknown>)[field];
    return value === null || value === undefined ? '' : String(value);
  }

  number(field: string): number | null {
    const value = (this.values as unknown as Record<string, unknown>)[field];
    return typeof value === 'number' ? value : null;
  }

  flag(field: string): boolean {
    return (this.values as unknown as Record<string, unknown>)[field] === true;
  }

  list(field: string): string[] {
    const value = (this.values as unknown as Record<string, unknown>)[field];
    return Array.isArray(value) ? (value as string[]) : [];
  }

  set(field: string, value: unknown): void {
    (this.values as unknown as Record<string, unknown>)[field] = value;
  }

  /** An input reports text it could not read (message), or that it reads again (null). */
  setLocal(field: string, message: string | null): void {
    if (message) this.local[field] = message;
    else delete this.local[field];
  }

  /** Send the fields; on success returns the id (and calls `saved`), else shows the errors. */
  async save(): Promise<string | null> {
    const local = Object.entries(this.local);
    if (local.length > 0) {
      this.error = {
        code: 'validation',
        message: t('form.fixBelow'),
        record: null,
        fields: local.map(([field, message]) => ({ field, code: 'not_a_number', message })),
      };
      return null;
    }
    this.options.beforeSave?.();
    this.busy = true;
    try {
      const fields = $state.snapshot(this.values) as RecordKinds[K];
      if (this.options.check && !(await this.options.check(fields))) return null;
      const { id } = await api.saveRecord(this.options.workspaceId(), this.kind, this.id, fields);
      this.id = id;
      this.error = null;
      this.savedAt = Date.now();
      await this.options.saved?.(id);
      return id;
    } catch (e) {
      this.error = toUiError(e);
      this.options.failed?.(this.error);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
