// Small helpers shared by the Phase 1 screens.
import { tick } from 'svelte';
import { api, type RecordKind } from './api';
import { store } from './store.svelte';

/** Delete (tombstone) a record, then `after` (reload the reader); a failure goes to the banner. */
export async function removeRecord(workspaceId: string, kind: RecordKind, id: string, after: () => unknown): Promise<void> {
  try {
    await api.deleteRecord(workspaceId, kind, id);
    await after();
  } catch (e) {
    store.showError(e);
    await tick();
    document.querySelector('[data-testid="alert-banner"]')?.scrollIntoView?.({ block: 'nearest' });
  }
}

/** Accents and case ignored, for filters typed in either language. */
export const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Whether the officer's filter text matches any of the values. */
export function matches(filter: string, ...values: (string | null | undefined)[]): boolean {
  const wanted = fold(filter.trim());
  return wanted === '' || values.some((v) => v && fold(v).includes(wanted));
}
