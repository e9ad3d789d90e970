// The national view over the fake backend, which stands in for Rust's sums (get_national).
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import NationalPage from '../components/national/NationalPage.svelte';
import { store } from '../lib/store.svelte';
import { fakeBackend } from './helpers';

beforeEach(() => {
  store.reset();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  clearMocks();
});

type Backend = ReturnType<typeof fakeBackend>;
const callsOf = (backend: Backend, cmd: string) => backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
const rows = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];

/** The national page alone, once get_national has answered. */
async function page(): Promise<Backend> {
  const backend = fakeBackend({ scenario: 'demo' });
  render(NationalPage);
  await screen.findByTestId('national-totals');
  return backend;
}

describe('national view', () => {
  it('opens from the sidebar without a workspace, and asks get_national once', async () => {
    const backend = fakeBackend({ scenario: 'empty' });
    render(App);
    const nav = await screen.findByTestId('nav-national');
    expect(store.app?.currentWorkspaceId ?? null).toBeNull();
    await fireEvent.click(nav);
    const pageEl = await screen.findByTestId('national-page');
    expect(screen.getByTestId('nav-national')).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(pageEl).toHaveAttribute('data-period-start', '2026-10-01'));
    expect(pageEl).toHaveAttribute('data-period', 'quarter');
    expect(pageEl).toHaveAttribute('data-period-end', '2026-12-31');
    expect(screen.getByTestId('national-period')).toHaveValue('quarter');
    expect(screen.getByTestId('national-period-range')).toHaveTextContent('Bundles received from Oct 1, 2026 to Dec 31, 2026');
    expect(screen.queryByTestId('workspaces')).toBeNull();
    expect(callsOf(backend, 'get_national')).toEqual([{ today: null, period: 'quarter' }]);
  });

  it('opens a district’s workspace from its row', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-national'));
    await screen.findByTestId('national-totals');
    const row = rows('national-district-row').find((r) => r.dataset.workspaceId === 'ws-1')!;
    await fireEvent.click(row.querySelector<HTMLElement>('[data-testid="national-district-open"]')!);
    await screen.findByTestId('home');
    expect(callsOf(backend, 'open_workspace')).toEqual([{ workspaceId: 'ws-1' }]);
  });

  it('shows the totals and each district with its site count', async () => {
    await page();
    const totals = screen.getByTestId('national-totals');
    expect(totals).toHaveAttribute('data-sites', '44');
    expect(totals).toHaveAttribute('data-miners', '2695');
    expect(totals).toHaveTextContent('1,010 women, 1,685 men');
    const mercury = screen.getByTestId('national-mercury');
    expect(mercury).toHaveAttribute('data-low', '310');
    expect(mercury).toHaveAttribute('data-high', '540');
    expect(mercury).toHaveTextContent('310–540 kg');

    const districts = rows('national-district-row');
    expect(districts.map((r) => [r.dataset.workspaceId, r.dataset.sites])).toEqual([
      ['ws-1', '28'],
      ['ws-kalima', '16'],
    ]);
    expect(districts[1]).toHaveTextContent('Kalima district ASM strategy');
    expect(districts[1]).toHaveTextContent('Kalima district mining office');
    expect(districts[1]).toHaveTextContent('90–150 kg');
    // Miners come as women, men and total, as Rust sends them.
    expect(districts[1]).toHaveTextContent('865');
    expect(districts[1]).toHaveTextContent('303 women, 562 men');
    expect(rows('national-commodity-row')[0]).toHaveTextContent('2,140');
    expect(rows('national-commodity-row').map((r) => r.dataset.code)).toEqual(['gold', 'tin', 'sand_gravel']);
  });

  it('lists the Annex C worst practices first, marked, with their share', async () => {
    await page();
    const techniques = rows('national-technique-row');
    expect(techniques.map((r) => r.dataset.annexC)).toEqual(['true', 'true', 'false', 'false']);
    expect(techniques[0]).toHaveAttribute('data-code', 'whole_ore_amalgamation');
    expect(techniques[0]).toHaveTextContent('Annex C worst practice');
    expect(techniques[2]).not.toHaveTextContent('Annex C worst practice');
    // 6 of 44 sites.
    expect(techniques[0]).toHaveTextContent('14%');
  });

  it('shows licences, actions and indicators against targets', async () => {
    await page();
    const licence = document.querySelector('[data-testid="national-licence-row"][data-type="small_scale_licence"][data-status="expired"]');
    expect(licence).toHaveAttribute('data-count', '2');
    expect(licence).toHaveTextContent('Expired');
    const actions = screen.getByTestId('national-actions');
    expect(actions).toHaveAttribute('data-count', '14');
    expect(actions).toHaveTextContent('USD 184,500');
    const indicators = rows('national-indicator-row');
    expect(indicators).toHaveLength(2);
    expect(indicators[0]).toHaveTextContent('45%');
  });

  it('flags the late submission', async () => {
    await page();
    const submissions = rows('national-submission-row');
    expect(submissions.map((r) => [r.dataset.keyId, r.dataset.onTime])).toEqual([
      ['key-kalima', 'false'],
      ['key-mbeya', 'true'],
    ]);
    expect(submissions[0]).toHaveTextContent('Late');
    expect(submissions[1]).toHaveTextContent('On time');
  });

  it('offers the four periods under a label, with a hint that the other figures are current totals', async () => {
    await page();
    const select = screen.getByLabelText('Period');
    expect(select).toBe(document.getElementById('national-period'));
    expect([...select.querySelectorAll('option')].map((o) => [o.value, o.textContent])).toEqual([
      ['quarter', 'This quarter'],
      ['previous_quarter', 'Previous quarter'],
      ['year', 'This year'],
      ['all', 'All time'],
    ]);
    expect(select).toHaveAccessibleDescription(/current totals, whatever the period/);
  });

  it('reloads for the previous quarter: its submissions and bundles, the same totals', async () => {
    const backend = await page();
    const pageEl = screen.getByTestId('national-page');
    const kalima = () => rows('national-district-row').find((r) => r.dataset.workspaceId === 'ws-kalima')!;
    expect(kalima()).toHaveAttribute('data-bundles', '0');

    await fireEvent.change(screen.getByTestId('national-period'), { target: { value: 'previous_quarter' } });
    await waitFor(() => expect(pageEl).toHaveAttribute('data-period', 'previous_quarter'));
    expect(callsOf(backend, 'get_national')).toEqual([
      { today: null, period: 'quarter' },
      { today: null, period: 'previous_quarter' },
    ]);
    expect(pageEl).toHaveAttribute('data-period-start', '2026-07-01');
    expect(pageEl).toHaveAttribute('data-period-end', '2026-09-30');
    expect(screen.getByTestId('national-period-range')).toHaveTextContent('from Jul 1, 2026 to Sep 30, 2026');
    // Kalima's bundle of September counts now; Mbeya's last bundle is the one it sent in August,
    // not the one of November, which came after the period.
    const submissions = rows('national-submission-row');
    expect(submissions.map((r) => [r.dataset.keyId, r.dataset.onTime, r.dataset.bundles])).toEqual([
      ['key-kalima', 'true', '2'],
      ['key-mbeya', 'true', '1'],
    ]);
    expect(submissions[1]).toHaveTextContent('Bundle no. 6');
    expect(submissions[1]).not.toHaveTextContent('Bundle no. 7');
    expect(kalima()).toHaveAttribute('data-bundles', '2');
    expect(screen.getByText(/between Jul 1, 2026 and Sep 30, 2026/)).toBeInTheDocument();
    // Sites, miners and the rest are today's totals whatever the period.
    expect(screen.getByTestId('national-totals')).toHaveAttribute('data-sites', '44');
    expect(kalima()).toHaveAttribute('data-sites', '16');
  });

  it('over all time has no start, counts every bundle, and still asks for one this quarter', async () => {
    await page();
    const pageEl = screen.getByTestId('national-page');
    await fireEvent.change(screen.getByTestId('national-period'), { target: { value: 'all' } });
    await waitFor(() => expect(pageEl).toHaveAttribute('data-period', 'all'));
    expect(pageEl).toHaveAttribute('data-period-start', '');
    expect(pageEl).toHaveAttribute('data-period-end', '2026-11-28');
    expect(screen.getByTestId('national-period-range')).toHaveTextContent('All bundles received up to Nov 28, 2026');
    const submissions = rows('national-submission-row');
    expect(submissions.map((r) => [r.dataset.keyId, r.dataset.onTime, r.dataset.bundles])).toEqual([
      ['key-kalima', 'false', '3'],
      ['key-mbeya', 'true', '2'],
    ]);
    expect(screen.getByText(/on time only when a bundle from it arrived since Oct 1, 2026/)).toBeInTheDocument();
  });

  it('shows only the answer for the latest period chosen', async () => {
    const backend = await page();
    const handle = backend.handle;
    let releaseYear: () => void = () => {};
    backend.handle = async (cmd, payload) => {
      if (cmd === 'get_national' && payload?.period === 'year') await new Promise<void>((r) => (releaseYear = r));
      return handle(cmd, payload);
    };
    const select = screen.getByTestId('national-period');
    await fireEvent.change(select, { target: { value: 'year' } });
    await fireEvent.change(select, { target: { value: 'previous_quarter' } });
    const pageEl = screen.getByTestId('national-page');
    await waitFor(() => expect(pageEl).toHaveAttribute('data-period', 'previous_quarter'));
    releaseYear();
    await new Promise((r) => setTimeout(r, 20));
    expect(pageEl).toHaveAttribute('data-period', 'previous_quarter');
    expect(pageEl).toHaveAttribute('aria-busy', 'false');
  });

  it('shows the field message when a period is refused', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    const handle = backend.handle;
    // The select offers only known periods; stand in for an older or newer UI sending another.
    backend.handle = (cmd, payload) => handle(cmd, cmd === 'get_national' ? { ...payload, period: 'month' } : payload);
    render(NationalPage);
    const error = await screen.findByTestId('national-error');
    expect(error).toHaveAttribute('data-code', 'validation');
    expect(error.querySelector('[data-field="period"]')).toHaveTextContent('Choose a period from the list');
    expect(screen.queryByTestId('national-totals')).toBeNull();
  });

  it('says what went wrong when get_national fails', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    const handle = backend.handle;
    backend.handle = async (cmd, payload) => {
      if (cmd === 'get_national') throw { code: 'store.io', message: 'The database could not be read.', record: null, fields: [] };
      return handle(cmd, payload);
    };
    render(NationalPage);
    const error = await screen.findByTestId('national-error');
    expect(error).toHaveAttribute('data-code', 'store.io');
    expect(screen.queryByTestId('national-totals')).toBeNull();
  });
});
