import type { FieldError, UiError } from './api';

/** Field messages by field name, for a validation UiError; empty for any other error. */
export function fieldMessages(error: UiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (error?.code !== 'validation') return out;
  for (const f of error.fields) if (!(f.field in out)) out[f.field] = f.message;
  return out;
}

/** The summary lists every field problem; a validation error without fields still says something. */
export function summaryEntries(error: UiError | null): FieldError[] {
  if (error?.code !== 'validation') return [];
  return error.fields.length > 0 ? error.fields : [{ field: '', code: 'validation', message: error.message }];
}
