// Small helpers shared by the Sync page's sections: words for codes, and how a record's value or
// column name is shown when it comes straight from a synced table.
import type { BundleKind, PlannedOutcome, ReviewState, SequenceNote, SyncCounts } from '../../lib/api';
import { formatNumber, t, type MsgKey } from '../../lib/i18n.svelte';

export type SectionName = 'page' | 'key' | 'trusted' | 'sealing' | 'export' | 'import' | 'received' | 'conflicts';

/**
 * Runs one command for a section. A failure shows in that section (sync-error) and gives
 * undefined; with `validation: 'throw'` a validation error is thrown instead, for the caller's
 * fields, and so is an error whose code is in `throwCodes` (one the caller shows at its field).
 */
export type Run = <T>(
  section: SectionName,
  action: () => Promise<T>,
  options?: { validation?: 'throw'; throwCodes?: readonly string[] },
) => Promise<T | undefined>;

export const OUTCOME_KEYS: Record<PlannedOutcome, MsgKey> = {
  new: 'sync.outcome.new',
  updated: 'sync.outcome.updated',
  unchanged: 'sync.outcome.unchanged',
  conflict: 'sync.outcome.conflict',
  rejected: 'sync.outcome.rejected',
};

export const REVIEW_KEYS: Record<ReviewState, MsgKey> = {
  received: 'sync.review.received',
  accepted: 'sync.review.accepted',
  has_issues: 'sync.review.has_issues',
  rejected: 'sync.review.rejected',
};

const KIND_KEYS: Record<BundleKind, MsgKey> = {
  district_submission: 'sync.kind.district_submission',
  national_reference: 'sync.kind.national_reference',
};

const REASON_KEYS: Record<string, MsgKey> = {
  unknown_table: 'sync.reason.unknown_table',
  bad_row: 'sync.reason.bad_row',
  missing_parent: 'sync.reason.missing_parent',
  constraint: 'sync.reason.constraint',
};

const COUNT_KEYS: [keyof SyncCounts, MsgKey][] = [
  ['new', 'sync.counts.new'],
  ['updated', 'sync.counts.updated'],
  ['unchanged', 'sync.counts.unchanged'],
  ['conflicts', 'sync.counts.conflicts'],
  ['rejected', 'sync.counts.rejected'],
];

export const kindLabel = (kind: string) => (kind in KIND_KEYS ? t(KIND_KEYS[kind as BundleKind]) : kind);
export const reviewLabel = (state: string) => (state in REVIEW_KEYS ? t(REVIEW_KEYS[state as ReviewState]) : state);
export const outcomeLabel = (outcome: string) => (outcome in OUTCOME_KEYS ? t(OUTCOME_KEYS[outcome as PlannedOutcome]) : outcome);
/** A reason Lode does not know yet is shown as it came. */
export const reasonLabel = (reason: string) => (reason in REASON_KEYS ? t(REASON_KEYS[reason]) : reason);

/** Each count with its words ("New records: 2"), in a fixed order; `skipZero` leaves out the zeros. */
export function countParts(counts: SyncCounts, skipZero = false): { key: keyof SyncCounts; text: string }[] {
  return COUNT_KEYS.filter(([key]) => !skipZero || counts[key] > 0).map(([key, label]) => ({ key, text: t(label, { count: formatNumber(counts[key]) }) }));
}

/** "miners_female" → "Miners female": a column or table name readable without the schema. */
export function humanise(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value of a synced row, as text; empty ones say so, so that "nothing" is never invisible. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('sync.value.empty');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A received bundle's note ("gap:3:5", "replay:4:2" or ""), as the preview gives it. */
export function parseSequenceNote(text: string): SequenceNote | null {
  const m = /^(gap|replay):(\d+):(\d+)$/.exec(text);
  return m ? { kind: m[1] as 'gap' | 'replay', expected: Number(m[2]), found: Number(m[3]) } : null;
}
