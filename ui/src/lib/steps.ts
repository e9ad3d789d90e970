// The fixed shape of the IGF guidance: 3 phases, 11 steps. Titles come from Rust (translated);
// this only says which step belongs to which phase, so navigation exists before Home has loaded.
import type { PhaseNumber, StepId, StepStatus, StepSummary } from './api';
import type { MsgKey } from './i18n.svelte';

export const PHASES: { phase: PhaseNumber; steps: StepId[] }[] = [
  { phase: 1, steps: ['1.1', '1.2', '1.3', '1.4'] },
  { phase: 2, steps: ['2.1', '2.2', '2.3', '2.4'] },
  { phase: 3, steps: ['3.1', '3.2', '3.3'] },
];

export const STATUS_KEYS: Record<StepStatus, MsgKey> = {
  not_started: 'status.notStarted',
  in_progress: 'status.inProgress',
  complete: 'status.complete',
};

export function findStep(phases: { steps: StepSummary[] }[] | undefined, step: StepId): StepSummary | null {
  for (const p of phases ?? []) for (const s of p.steps) if (s.step === step) return s;
  return null;
}

/** What the officer has set on a checklist item, shown at once and sent by autosave. */
export interface ChecklistEdit {
  ticked: boolean;
  date: string | null;
  note: string;
}
