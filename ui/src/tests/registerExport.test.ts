// "Export…" on the registers: the panel offers the formats Rust accepts for each register, the
// personal-data choice only where there is personal data, sends the officer's choice (never a
// path) and shows what Rust answers: the file and its rows, a cancelled dialog, or a refusal.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import RegisterExport from '../components/RegisterExport.svelte';
import StepRecords from '../components/phase1/StepRecords.svelte';
import Phase3Records from '../components/phase3/Phase3Records.svelte';
import type { RegisterExportResult, RegisterName, UiError } from '../lib/api';
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

type Answer = RegisterExportResult | null | UiError;
/** Answers export_register with `answer` (a UiError is thrown, as Rust rejects); records calls. */
function backend(answer: Answer) {
  const calls: Record<string, unknown>[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'export_register') throw new Error(`unexpected ${cmd}`);
    calls.push(args as Record<string, unknown>);
    if (answer && 'code' in answer) throw answer;
    return answer;
  });
  return calls;
}

const summary = (over: Partial<RegisterExportResult> = {}): RegisterExportResult => ({
  register: 'licence-holders',
  format: 'csv',
  fileName: 'licence-holders-2026-11-28.csv',
  rows: 2000,
  skippedWithoutLocation: 0,
  personalDataIncluded: false,
  personalDataMasked: true,
  ...over,
});

async function openPanel(register: RegisterName) {
  render(RegisterExport, { props: { workspaceId: 'ws-1', register } });
  const opener = screen.getByTestId('register-export-open');
  expect(opener).toHaveAttribute('aria-expanded', 'false');
  await fireEvent.click(opener);
  expect(opener).toHaveAttribute('aria-expanded', 'true');
  return screen.getByTestId('register-export-panel');
}

describe('register export', () => {
  it('sends the chosen format and the personal-data choice, and shows the file and its rows', async () => {
    const calls = backend(summary({ personalDataIncluded: true, personalDataMasked: false }));
    await openPanel('licence-holders');
    expect(screen.getByTestId('register-export-format-xlsx')).toBeChecked();
    expect(screen.queryByTestId('register-export-format-geojson')).toBeNull();
    const personal = screen.getByTestId('register-export-personal');
    expect(personal).not.toBeChecked();
    expect(screen.getByTestId('register-export-personal-hint')).toHaveTextContent('last three characters');

    await fireEvent.click(screen.getByTestId('register-export-format-csv'));
    await fireEvent.click(personal);
    expect(screen.getByTestId('register-export-personal-hint')).toHaveTextContent('identify people');
    await fireEvent.click(screen.getByTestId('register-export-run'));

    const result = await screen.findByTestId('register-export-result');
    expect(calls).toEqual([{ workspaceId: 'ws-1', register: 'licence-holders', format: 'csv', includePersonalData: true }]);
    expect(result).toHaveAttribute('data-rows', '2000');
    expect(result).toHaveAttribute('data-personal', 'included');
    expect(result).toHaveTextContent('2,000 row(s) saved to licence-holders-2026-11-28.csv.');
    expect(result).toHaveTextContent('Personal data is included.');
  });

  it('offers GeoJSON for sites, no personal-data choice, and says when the dialog was cancelled', async () => {
    const calls = backend(null);
    await openPanel('sites');
    expect(screen.getByTestId('register-export-format-geojson')).toBeInTheDocument();
    expect(screen.queryByTestId('register-export-personal')).toBeNull();
    await fireEvent.click(screen.getByTestId('register-export-format-geojson'));
    await fireEvent.click(screen.getByTestId('register-export-run'));
    expect(await screen.findByTestId('register-export-cancelled')).toHaveTextContent('Nothing was exported.');
    expect(calls[0]).toMatchObject({ register: 'sites', format: 'geojson', includePersonalData: false });
    expect(screen.queryByTestId('register-export-result')).toBeNull();
  });

  it('counts the sites left off the map', async () => {
    backend(summary({ register: 'sites', format: 'geojson', fileName: 'sites.geojson', rows: 299, skippedWithoutLocation: 1, personalDataMasked: false }));
    await openPanel('sites');
    await fireEvent.click(screen.getByTestId('register-export-format-geojson'));
    await fireEvent.click(screen.getByTestId('register-export-run'));
    const result = await screen.findByTestId('register-export-result');
    expect(result).toHaveTextContent('1 left off the map');
    expect(result).toHaveAttribute('data-personal', 'none');
  });

  it('shows Rust’s refusal with its code', async () => {
    backend({ code: 'registers.write_failed', message: 'The export could not be written to sites.xlsx.', record: null, fields: [] });
    await openPanel('partners');
    await fireEvent.click(screen.getByTestId('register-export-run'));
    const error = await screen.findByTestId('register-export-error');
    expect(error).toHaveAttribute('data-code', 'registers.write_failed');
    expect(error).toHaveTextContent('could not be written to sites.xlsx');
  });

  it('closes with Escape and gives the focus back to its button', async () => {
    backend(null);
    await openPanel('zones');
    expect(screen.getByTestId('register-export-format-geojson')).toBeChecked();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('register-export-panel')).toBeNull();
    expect(screen.getByTestId('register-export-open')).toHaveFocus();
  });

  it('is in French when the UI is', async () => {
    backend(null);
    setLocale('fr');
    await openPanel('licence-holders');
    expect(screen.getByTestId('register-export-open')).toHaveTextContent('Exporter…');
    expect(screen.getByText(/Inclure les données personnelles/)).toBeInTheDocument();
  });
});

describe('every register has its Export', () => {
  const registers = async (render: () => void, expected: RegisterName[]) => {
    render();
    await waitFor(() => {
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="register-export"]')].map((e) => e.dataset.register);
      for (const name of expected) expect(shown, name).toContain(name);
    });
  };
  const phase1 = (step: '1.2' | '1.3' | '1.4') => () => {
    render(StepRecords, { props: { workspaceId: 'ws-1', step, onchange: () => {} } });
  };
  const phase3 = (step: '3.1' | '3.3') => () => {
    render(Phase3Records, { props: { workspaceId: 'ws-1', step, onchange: () => {} } });
  };

  it('stakeholders, sites and partners (Phase 1)', async () => {
    fakeBackend({ scenario: 'demo' });
    await registers(phase1('1.2'), ['stakeholders']);
    cleanup();
    await registers(phase1('1.3'), ['sites']);
    cleanup();
    await registers(phase1('1.4'), ['partners']);
  });

  it('actions, zones, licence holders and measurements (Phase 3)', async () => {
    fakeBackend({ scenario: 'demo' });
    await registers(phase3('3.1'), ['actions', 'zones', 'licence-holders']);
    cleanup();
    await registers(phase3('3.3'), ['measurements']);
  });
});
