// "Export document…" on the step pages: each phase offers its own documents, the officer picks
// the format and the language, the panel shows progress while Rust makes the document, then
// what Rust answers: the file and its size (and the "Draft" mark), a cancelled dialog, or a
// refusal. The webview sends choices, never a path.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DocumentExport from '../components/DocumentExport.svelte';
import StepView from '../components/StepView.svelte';
import type { DocumentSummary, PhaseNumber, StepId, UiError } from '../lib/api';
import { setLocale } from '../lib/i18n.svelte';
import { store } from '../lib/store.svelte';
import { fakeBackend } from './helpers';

beforeEach(() => {
  store.reset();
  localStorage.clear();
  setLocale('en');
});
afterEach(() => {
  cleanup();
  clearMocks();
});

type Answer = DocumentSummary | null | UiError;
/** Answers export_document with `answer` (a UiError is thrown, as Rust rejects), or when
 *  `answer` is a promise, once it settles; records the calls. */
function backend(answer: Answer | Promise<Answer>) {
  const calls: Record<string, unknown>[] = [];
  mockIPC(async (cmd, args) => {
    if (cmd !== 'export_document') throw new Error(`unexpected ${cmd}`);
    calls.push(args as Record<string, unknown>);
    const given = await answer;
    if (given && 'code' in given) throw given;
    return given;
  });
  return calls;
}

const summary = (over: Partial<DocumentSummary> = {}): DocumentSummary => ({
  fileName: 'lode-context-2026-12-04.pdf',
  bytes: 214_733,
  draft: false,
  ...over,
});

async function openPanel(phase: PhaseNumber) {
  render(DocumentExport, { props: { workspaceId: 'ws-1', phase } });
  const opener = screen.getByTestId('document-export-open');
  expect(opener).toHaveAttribute('aria-expanded', 'false');
  await fireEvent.click(opener);
  expect(opener).toHaveAttribute('aria-expanded', 'true');
  return screen.getByTestId('document-export-panel');
}

describe('document export', () => {
  it('writes the Strategy whole or for one ASM type, from the types of the workspace', async () => {
    const calls: Record<string, unknown>[] = [];
    mockIPC(async (cmd, args) => {
      if (cmd === 'get_types') {
        return { types: [{ id: 'type-a', name: 'Gold · Hard rock', rank: 1 }, { id: 'type-b', name: 'Tin', rank: 2 }] };
      }
      if (cmd !== 'export_document') throw new Error(`unexpected ${cmd}`);
      calls.push(args as Record<string, unknown>);
      return summary({ fileName: 'lode-strategy-2026-12-04.pdf' });
    });
    await openPanel(2);
    const part = (await screen.findByTestId('document-export-type')) as HTMLSelectElement;
    expect([...part.options].map((o) => o.textContent?.trim())).toEqual(['The whole strategy', '1. Gold · Hard rock', '2. Tin']);
    await fireEvent.change(part, { target: { value: 'type-b' } });
    await fireEvent.click(screen.getByTestId('document-export-run'));
    await screen.findByTestId('document-export-result');
    expect(calls[0]).toEqual({ workspaceId: 'ws-1', report: 'strategy', format: 'pdf', lang: 'en', asmType: 'type-b' });
  });

  it('offers the Context Report in Phase 1, as PDF in the UI’s language, and shows the file and its size', async () => {
    const calls = backend(summary());
    await openPanel(1);
    expect(screen.getByTestId('document-export')).toHaveAttribute('data-reports', 'context');
    expect(screen.getByTestId('document-export-report')).toHaveTextContent('Context Report');
    expect(screen.queryByTestId('document-export-report-context')).toBeNull(); // one document: no choice to make
    expect(screen.getByTestId('document-export-format-pdf')).toBeChecked();
    expect(screen.getByTestId('document-export-format-pdf')).toHaveFocus();
    expect(screen.getByTestId('document-export-lang-en')).toBeChecked();
    expect(screen.getByTestId('document-export-draft-hint')).toHaveTextContent('marked “Draft”');

    await fireEvent.click(screen.getByTestId('document-export-run'));
    const result = await screen.findByTestId('document-export-result');
    expect(calls).toEqual([{ workspaceId: 'ws-1', report: 'context', format: 'pdf', lang: 'en', asmType: null }]);
    expect(result).toHaveAttribute('data-file', 'lode-context-2026-12-04.pdf');
    expect(result).toHaveAttribute('data-bytes', '214733');
    expect(result).toHaveAttribute('data-draft', 'false');
    expect(result).toHaveTextContent('Context Report saved to lode-context-2026-12-04.pdf (210 KB).');
    expect(screen.queryByTestId('document-export-draft')).toBeNull();
    await waitFor(() => expect(result).toHaveFocus());
  });

  it('offers the Strategy in Phase 2 and says when it is marked Draft', async () => {
    const calls = backend(summary({ fileName: 'lode-strategy-2026-12-04.docx', bytes: 71_455, draft: true }));
    await openPanel(2);
    expect(screen.getByTestId('document-export-report')).toHaveAttribute('data-report', 'strategy');
    expect(screen.getByTestId('document-export-report')).toHaveTextContent('ASM Management Strategy');
    await fireEvent.click(screen.getByTestId('document-export-format-docx'));
    await fireEvent.click(screen.getByTestId('document-export-run'));
    const result = await screen.findByTestId('document-export-result');
    expect(calls[0]).toEqual({ workspaceId: 'ws-1', report: 'strategy', format: 'docx', lang: 'en', asmType: null });
    expect(result).toHaveAttribute('data-draft', 'true');
    expect(result).toHaveAttribute('data-format', 'docx');
    expect(result).toHaveTextContent('(70 KB)');
    expect(screen.getByTestId('document-export-draft')).toHaveTextContent('Marked “Draft”: the strategy is not signed off yet.');
  });

  it('offers the Implementation Plan and the M&E Plan in Phase 3, and another language', async () => {
    const calls = backend(summary({ fileName: 'lode-me-2026-12-04.pdf', bytes: 1_500_000 }));
    await openPanel(3);
    expect(screen.getByTestId('document-export')).toHaveAttribute('data-reports', 'plan me');
    const plan = screen.getByTestId('document-export-report-plan');
    expect(plan).toBeChecked();
    expect(plan).toHaveFocus();
    expect(screen.getByText('M&E Plan')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('document-export-report-me'));
    await fireEvent.click(screen.getByTestId('document-export-lang-fr'));
    expect(screen.getByTestId('document-export-lang-en')).not.toBeChecked();
    await fireEvent.click(screen.getByTestId('document-export-run'));
    const result = await screen.findByTestId('document-export-result');
    expect(calls[0]).toEqual({ workspaceId: 'ws-1', report: 'me', format: 'pdf', lang: 'fr', asmType: null });
    expect(result).toHaveAttribute('data-lang', 'fr');
    expect(result).toHaveTextContent('M&E Plan saved to lode-me-2026-12-04.pdf (1,465 KB).');
  });

  it('shows progress while the document is made, with the button disabled', async () => {
    let finish: (answer: Answer) => void = () => {};
    backend(new Promise<Answer>((resolve) => (finish = resolve)));
    const panel = await openPanel(2);
    const run = screen.getByTestId('document-export-run');
    await fireEvent.click(run);

    const progress = await screen.findByTestId('document-export-progress');
    expect(progress).toHaveAttribute('role', 'status');
    expect(progress.querySelector('progress')).not.toBeNull();
    expect(progress.querySelector('progress')).not.toHaveAttribute('value'); // indeterminate
    expect(progress).toHaveTextContent('Preparing the document… this can take a few seconds.');
    expect(panel).toHaveAttribute('aria-busy', 'true');
    expect(run).toBeDisabled();
    expect(screen.getByTestId('document-export-format-docx')).toBeDisabled();
    expect(screen.getByTestId('document-export-open')).toHaveAttribute('aria-busy', 'true');

    finish(summary({ fileName: 'lode-strategy-2026-12-04.pdf' }));
    await screen.findByTestId('document-export-result');
    expect(screen.queryByTestId('document-export-progress')).toBeNull();
    expect(panel).toHaveAttribute('aria-busy', 'false');
    expect(run).toBeEnabled();
  });

  it('gives the answer when it comes even if the panel was closed meanwhile', async () => {
    let finish: (answer: Answer) => void = () => {};
    backend(new Promise<Answer>((resolve) => (finish = resolve)));
    await openPanel(1);
    await fireEvent.click(screen.getByTestId('document-export-run'));
    await screen.findByTestId('document-export-progress');
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('document-export-panel')).toBeNull();
    expect(screen.getByTestId('document-export-open')).toHaveFocus();
    finish(summary());
    expect(await screen.findByTestId('document-export-result')).toBeInTheDocument();
    expect(screen.getByTestId('document-export-open')).toHaveFocus(); // the focus is not taken away
  });

  it('says when the dialog was cancelled', async () => {
    const calls = backend(null);
    await openPanel(3);
    await fireEvent.click(screen.getByTestId('document-export-run'));
    const cancelled = await screen.findByTestId('document-export-cancelled');
    expect(cancelled).toHaveTextContent('Cancelled: nothing was saved.');
    expect(calls[0]).toMatchObject({ report: 'plan', format: 'pdf' });
    expect(screen.queryByTestId('document-export-result')).toBeNull();
  });

  it('shows Rust’s refusal with its code', async () => {
    backend({ code: 'documents.write_failed', message: 'The document could not be written to /media/usb/lode.pdf: read-only.', record: null, fields: [] });
    await openPanel(1);
    await fireEvent.click(screen.getByTestId('document-export-run'));
    const error = await screen.findByTestId('document-export-error');
    expect(error).toHaveAttribute('data-code', 'documents.write_failed');
    expect(error).toHaveAttribute('role', 'alert');
    expect(error).toHaveTextContent('could not be written to /media/usb/lode.pdf');
  });

  it('closes with Escape and gives the focus back to its button', async () => {
    backend(null);
    await openPanel(2);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('document-export-panel')).toBeNull();
    expect(screen.getByTestId('document-export-open')).toHaveFocus();
  });

  it('is in French, and makes French documents by default, when the UI is', async () => {
    const calls = backend(summary({ draft: true }));
    setLocale('fr');
    await openPanel(2);
    expect(screen.getByTestId('document-export-open')).toHaveTextContent('Exporter le document…');
    expect(screen.getByTestId('document-export-report')).toHaveTextContent('Stratégie de gestion de l’EMAPE');
    expect(screen.getByTestId('document-export-lang-fr')).toBeChecked();
    await fireEvent.click(screen.getByTestId('document-export-run'));
    const result = await screen.findByTestId('document-export-result');
    expect(calls[0]).toMatchObject({ lang: 'fr' });
    expect(result).toHaveTextContent('(210 Ko)');
    expect(screen.getByTestId('document-export-draft')).toHaveTextContent('Mention « Projet »');
  });
});

describe('every step page offers its phase’s documents', () => {
  const shown = async (step: StepId) => {
    render(StepView, { props: { workspaceId: 'ws-1', step } });
    const exporter = await screen.findByTestId('document-export');
    const reports = exporter.dataset.reports;
    cleanup();
    return reports;
  };

  it('context in Phase 1, strategy in Phase 2, plan and M&E in Phase 3', async () => {
    fakeBackend({ scenario: 'demo', documentDelay: 0 });
    for (const step of ['1.1', '1.2', '1.3', '1.4'] as StepId[]) expect(await shown(step), step).toBe('context');
    for (const step of ['2.1', '2.4'] as StepId[]) expect(await shown(step), step).toBe('strategy');
    for (const step of ['3.1', '3.2', '3.3'] as StepId[]) expect(await shown(step), step).toBe('plan me');
  });

  it('exports through the dev backend, marked Draft while the strategy is not signed off', async () => {
    const fake = fakeBackend({ scenario: 'demo', documentDelay: 0 });
    render(StepView, { props: { workspaceId: 'ws-1', step: '2.4' } });
    await fireEvent.click(await screen.findByTestId('document-export-open'));
    await fireEvent.click(screen.getByTestId('document-export-run'));
    const result = await screen.findByTestId('document-export-result');
    expect(result).toHaveAttribute('data-file', 'lode-strategy-2026-11-28.pdf');
    expect(result).toHaveAttribute('data-draft', 'true');
    expect(fake.calls.filter((c) => c.cmd === 'export_document').map((c) => c.args)).toEqual([
      { workspaceId: 'ws-1', report: 'strategy', format: 'pdf', lang: 'en', asmType: null },
    ]);
  });
});
