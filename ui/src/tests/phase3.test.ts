// Phase 3 screens (steps 3.1–3.3, the licence registry, traceability) over the fake backend,
// which stands in for the Rust rules.
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import Phase2Records from '../components/phase2/Phase2Records.svelte';
import Phase3Records from '../components/phase3/Phase3Records.svelte';
import type { StepId } from '../lib/api';
import { todayIso } from '../lib/i18n.svelte';
import { siteNames } from '../lib/phase3';
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
const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const records = (step: StepId) =>
  render(step.startsWith('3') ? Phase3Records : Phase2Records, { props: { workspaceId: 'ws-1', step, onchange: () => {} } });
const one = (testid: string, attr: string, value: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"][data-${attr}="${value}"]`);
/** Wait until the element is drawn. */
const found = (testid: string, attr: string, value: string) =>
  waitFor(() => {
    const el = one(testid, attr, value);
    if (!el) throw new Error(`no ${testid} with ${attr}=${value}`);
    return el;
  });
const type = (id: string, value: string) => fireEvent.input(input(id), { target: { value } });
const choose = (id: string, value: string) => fireEvent.change(input(id), { target: { value } });
const amount = (table: string, key: string, currency = 'USD') =>
  Number(within(screen.getByTestId(table)).getAllByTestId('totals-row').find((r) => r.dataset.key === key)?.querySelector<HTMLElement>(`[data-currency="${currency}"]`)?.dataset.amount ?? 0);

describe('step 3.1 implementation plan', () => {
  it('saves the plan period', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.1');
    await waitFor(() => expect(input('plan-period-start-on').value).toBe('2026-01-01'));
    await type('plan-period-end-on', '2029-12-31');
    await fireEvent.click(screen.getByTestId('plan-period-save'));
    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0]).toMatchObject({ kind: 'plan_period', fields: { startOn: '2026-01-01', endOn: '2029-12-31', currency: 'USD' } });
  });

  it('an action created from an instrument, with a department and a budget line, is on the timeline and in the totals', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    const member = backend.phase1.live('ws-1', 'task_force_member').find((m) => m.agency === 'finance')!;
    records('3.1');
    await screen.findByTestId('plan-timeline');
    const before2027 = amount('totals-by-year', '2027');
    const beforeDepartment = amount('totals-by-department', member.id);

    expect(one('intervention-row', 'code', 'geological_data')).toHaveAttribute('data-covered', 'false');
    await fireEvent.change(screen.getByTestId('plan-action-from'), { target: { value: 'instrument:geological_data' } });
    expect(input('plan-action-instrument').value).toBe('geological_data');
    await type('plan-action-title', 'Map the Lwanga gold terraces');
    await type('plan-action-start-on', '2027-02-01');
    await type('plan-action-end-on', '2027-11-30');
    await choose('plan-action-department-id', member.id);
    await fireEvent.click(screen.getByTestId('plan-action-budget-add'));
    await type('plan-action-budget-amount-0', '5,000');
    await type('plan-action-budget-currency-0', 'usd');
    await type('plan-action-budget-year-0', '2027');
    await fireEvent.click(screen.getByTestId('plan-action-save'));

    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    const sent = callsOf(backend, 'save_record')[0];
    expect(sent).toMatchObject({ kind: 'plan_action', id: null });
    expect(sent.fields).toMatchObject({
      title: 'Map the Lwanga gold terraces',
      instrument: 'geological_data',
      departmentId: member.id,
      startOn: '2027-02-01',
      endOn: '2027-11-30',
      budget: [{ amount: 5000, currency: 'USD', year: 2027 }],
      status: 'planned',
    });
    const id = backend.phase1.live('ws-1', 'plan_action').find((a) => a.title === 'Map the Lwanga gold terraces')!.id;
    const bar = await found('timeline-bar', 'id', id);
    expect(bar).toHaveAttribute('data-start', '2027-02-01');
    expect(bar.getAttribute('aria-label')).toContain('Map the Lwanga gold terraces');
    expect(one('plan-action-row', 'id', id)).toHaveAttribute('data-warnings', '');
    expect(amount('totals-by-year', '2027')).toBe(before2027 + 5000);
    expect(amount('totals-by-department', member.id)).toBe(beforeDepartment + 5000);
    expect(within(screen.getByTestId('totals-by-department')).getByText(/Finance/)).toBeInTheDocument();
    expect(one('intervention-row', 'code', 'geological_data')).toHaveAttribute('data-covered', 'true');
  });

  it('says in words what is wrong with an action (no owner, no budget, outside the period)', async () => {
    fakeBackend({ scenario: 'demo' });
    records('3.1');
    const rows = await screen.findAllByTestId('plan-action-row');
    const radio = rows.find((r) => r.textContent?.includes('Radio campaign'))!;
    expect(radio.dataset.warnings).toBe('no_budget outside_period');
    expect(radio).toHaveTextContent('No budget');
    expect(radio).toHaveTextContent('Outside the plan period');
    const centre = rows.find((r) => r.textContent?.includes('Mercury-free processing centre'))!;
    expect(centre).toHaveTextContent('No responsible department');
  });

  it('shows Rust’s message for a polygon that is not closed, and outlines a valid one', async () => {
    fakeBackend({ scenario: 'demo' });
    records('3.1');
    await fireEvent.click(await screen.findByTestId('zone-add'));
    await type('zone-name', 'Kasoro terraces');
    await type('zone-polygon', '{"type": "Polygon", "coordinates": [[[28.8, -2.5], [28.9, -2.5], [28.9, -2.4]]]}');
    expect(within(screen.getByTestId('zone-form')).queryByTestId('zone-polygon-preview')).toBeNull();
    await fireEvent.click(screen.getByTestId('zone-save'));
    expect(await screen.findByTestId('error-summary')).toBeInTheDocument();
    expect(document.getElementById('zone-polygon-error')?.textContent).toMatch(/\S/);

    await type('zone-polygon', '{"type": "Polygon", "coordinates": [[[28.8, -2.5], [28.9, -2.5], [28.9, -2.4], [28.8, -2.5]]]}');
    expect(within(screen.getByTestId('zone-form')).getByTestId('zone-polygon-preview')).toHaveAttribute('data-points', '4');
    await fireEvent.click(screen.getByTestId('zone-save'));
    await waitFor(() => expect(screen.getAllByTestId('zone-row')).toHaveLength(2));
  });
});

describe('licence-holder registry', () => {
  const fill = async (name: string, nationalId: string) => {
    await fireEvent.click(await screen.findByTestId('holder-add'));
    await type('holder-name', name);
    await type('holder-national-id', nationalId);
    await choose('holder-licence-type', 'artisanal_permit');
  };

  it('warns about a likely duplicate before saving, and saves only with "Save anyway"', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.1');
    await waitFor(() => expect(screen.getAllByTestId('holder-row')).toHaveLength(6));
    await fill('Esther B. Bahati', 'lw-77 -1204');
    await fireEvent.click(screen.getByTestId('holder-save'));

    const box = await screen.findByTestId('holder-duplicates');
    expect(within(box).getAllByTestId('holder-duplicate-row')).toHaveLength(1);
    expect(box).toHaveTextContent('Esther Bahati');
    expect(callsOf(backend, 'check_licence_duplicates')[0]).toMatchObject({ workspaceId: 'ws-1', id: null, fields: { nationalId: 'lw-77 -1204', acceptDuplicate: false } });
    expect(callsOf(backend, 'save_record')).toHaveLength(0);

    await fireEvent.click(screen.getByTestId('holder-save-anyway'));
    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0]).toMatchObject({ kind: 'licence_holder', id: null, fields: { name: 'Esther B. Bahati', acceptDuplicate: true, status: 'applied' } });
    await waitFor(() => expect(screen.getAllByTestId('holder-row')).toHaveLength(7));
    expect(screen.queryByTestId('holder-duplicates')).toBeNull();
    expect(screen.getByTestId('holders-count')).toHaveTextContent('1–7 of 7');
  });

  it('a duplicate Rust refuses shows its message on the field, and "Do not save" keeps the form', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.1');
    await waitFor(() => expect(screen.getAllByTestId('holder-row')).toHaveLength(6));
    // The check before saving finds nothing (say another office synced the twin meanwhile): Rust still refuses.
    backend.phase3.checkDuplicates = () => [];
    await fill('Joseph Kalume', 'LW-81-0932');
    await fireEvent.click(screen.getByTestId('holder-save'));
    expect(await screen.findByText(/has this national ID/, { selector: '#holder-national-id-error' })).toBeInTheDocument();
    expect(screen.getByTestId('holder-duplicates')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('holder-duplicates-cancel'));
    expect(screen.getByTestId('holder-form')).toBeInTheDocument();
  });

  it('an illegal change of status shows Rust’s message on the status field; the history lists each status', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.1');
    const revoked = (await screen.findAllByTestId('holder-row')).find((r) => r.dataset.status === 'revoked')!;
    await fireEvent.click(within(revoked).getByRole('button'));
    expect(await screen.findByTestId('holder-history-row')).toHaveAttribute('data-to', 'revoked');
    expect(input('holder-status').value).toBe('revoked');
    await choose('holder-status', 'granted');
    await fireEvent.click(screen.getByTestId('holder-save'));
    await waitFor(() => expect(document.getElementById('holder-status-error')).toHaveTextContent('This change of status is not allowed'));
    expect(screen.getByTestId('error-summary')).toHaveTextContent('This change of status is not allowed');
    expect(callsOf(backend, 'save_record')).toHaveLength(1);

    // A legal change: an applied holder is granted, and the history gains the change.
    const applied = screen.getAllByTestId('holder-row').find((r) => r.dataset.status === 'applied')!;
    await fireEvent.click(within(applied).getByRole('button'));
    await waitFor(() => expect(input('holder-status').value).toBe('applied'));
    await choose('holder-status', 'granted');
    await fireEvent.click(screen.getByTestId('holder-save'));
    await waitFor(() => expect(screen.getAllByTestId('holder-history-row')).toHaveLength(2));
    expect(screen.getAllByTestId('holder-history-row')[1]).toHaveAttribute('data-from', 'applied');
  });

  it('offers the licence types of the strategy first', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    const p = backend.phase1;
    const type = p.save('ws-1', 'asm_type', null, { name: 'Cooperative gold', commodity: 'gold', toFormalise: true }).id;
    p.save('ws-1', 'type_strategy', null, { typeId: type, licenceType: 'cooperative_licence' });
    records('3.1');
    await fireEvent.click(await screen.findByTestId('holder-add'));
    await waitFor(() => {
      const offered = [...input('holder-licence-type').querySelectorAll('option')].filter((o) => o.value !== '');
      expect(offered[0].value).toBe('cooperative_licence');
      expect(offered[0]).toHaveTextContent('in the strategy');
      expect(offered.filter((o) => o.value === 'cooperative_licence')).toHaveLength(1);
      expect(offered.length).toBeGreaterThan(1);
    });
  });

  it('names the site of a holder and of a pilot as the backend gives it, with no site search first', async () => {
    siteNames.clear();
    const backend = fakeBackend({ scenario: 'demo' });
    const p = backend.phase1;
    const site = p.live('ws-1', 'site')[0];
    const holder = p.save('ws-1', 'licence_holder', null, { holderKind: 'individual', name: 'Neema Safari', licenceType: 'artisanal_permit', status: 'granted', siteId: site.id }).id;
    const pilot = p.save('ws-1', 'pilot', null, { siteId: site.id, intervention: 'mercury_free_processing_centres', hypothesis: 'Less mercury', metrics: 'kg' }).id;
    records('3.1');
    expect(await found('pilot-row', 'id', pilot)).toHaveTextContent(String(site.name));
    siteNames.clear();
    const row = await found('holder-row', 'id', holder);
    await fireEvent.click(within(row).getByTestId('holder-open'));
    await waitFor(() => expect(screen.getByTestId('holder-site-chip')).toHaveTextContent(String(site.name)));
  });

  it('filters by status and by renewals due, with the counts from get_licence_summary', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.1');
    const granted = await found('licence-status-count', 'status', 'granted');
    expect(granted).toHaveAttribute('data-count', '3');
    expect(screen.getByTestId('licence-renewals')).toHaveAttribute('data-count', '1');
    await fireEvent.click(screen.getByTestId('holders-filter-expiring'));
    await waitFor(() => expect(screen.getAllByTestId('holder-row')).toHaveLength(1));
    expect(callsOf(backend, 'list_licence_holders').at(-1)?.query).toMatchObject({ expiringWithinDays: 90, offset: 0, limit: 100 });
    expect(screen.getByTestId('holder-row')).toHaveTextContent('Esther Bahati');
    expect(screen.getByTestId('holder-renewal-due')).toHaveTextContent('Renewal due');
  });

  it('imports holders with the Phase 1 wizard (kind licence_holder)', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.1');
    await fireEvent.click(await screen.findByTestId('import-open'));
    const wizard = await screen.findByTestId('import-wizard');
    expect(callsOf(backend, 'import_open')[0]).toEqual({ workspaceId: 'ws-1', kind: 'licence_holder' });
    expect(wizard).toHaveTextContent('Import licence holders');
    await fireEvent.change(screen.getByTestId('import-map-holderKind'), { target: { value: 'Holder kind' } });
    await fireEvent.change(screen.getByTestId('import-map-licenceType'), { target: { value: 'Licence type' } });
    await waitFor(() => expect(screen.getByTestId('import-counts')).toHaveTextContent('2 rows will be imported, 3 rejected'));
    // The first row has the national ID of a holder already in the register.
    expect(one('import-rejected-row', 'row', '1')).toHaveTextContent('has this national ID');
    await fireEvent.click(screen.getByTestId('import-commit'));
    await fireEvent.click(await screen.findByTestId('import-close'));
    await waitFor(() => expect(screen.getAllByTestId('holder-row')).toHaveLength(8));
  });
});

describe('step 3.2 implement', () => {
  it('logs progress for an action and shows its spend in the summary', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.2');
    const rows = await screen.findAllByTestId('progress-action-row');
    const row = rows[0];
    await fireEvent.click(within(row).getByTestId('progress-log'));
    await type('progress-period', '2026-q3');
    await type('progress-spend', '1200');
    await type('progress-outputs', 'Window staffed');
    await fireEvent.click(screen.getByTestId('progress-save'));
    await waitFor(() => expect(screen.getAllByTestId('progress-row')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0].fields).toMatchObject({ actionId: row.dataset.id, period: '2026-Q3', spend: 1200, currency: 'USD', status: 'on_track' });
    expect(within(one('progress-action-row', 'id', row.dataset.id!)!).getByTestId('progress-action-spend')).toHaveTextContent('1,200');
    expect(screen.getAllByTestId('intervention-row')).toHaveLength(17);
  });
});

describe('step 3.3 monitor, evaluate and review', () => {
  it('a computable indicator offers "Record today’s value" instead of a value input', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.3');
    const card = await found('indicator-row', 'code', 'licensed_sites');
    expect(card).toHaveAttribute('data-computable', 'true');
    expect(within(card).queryByTestId('measurement-add')).toBeNull();
    expect(within(card).getByTestId('indicator-current').dataset.value).not.toBe('');
    expect(within(card).getByTestId('indicator-chart')).toHaveAttribute('data-count', '0');

    await fireEvent.click(within(card).getByTestId('measurement-compute'));
    await waitFor(() => expect(within(one('indicator-row', 'code', 'licensed_sites')!).getByTestId('indicator-chart')).toHaveAttribute('data-count', '1'));
    expect(callsOf(backend, 'record_computed_measurement')).toEqual([{ workspaceId: 'ws-1', indicatorId: card.dataset.id, on: todayIso() }]);
    expect(document.getElementById('measurement-value')).toBeNull();
  });

  it('a measurement adds a point to the chart', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.3');
    const card = await found('indicator-row', 'code', 'miners_trained');
    expect(within(card).getByTestId('indicator-chart')).toHaveAttribute('data-count', '4');
    expect(within(card).getByTestId('chart-target')).toBeInTheDocument();
    await fireEvent.click(within(card).getByTestId('measurement-add'));
    await type('measurement-on', '2027-03-31');
    await type('measurement-value', '260');
    await type('measurement-female', '80');
    await fireEvent.click(screen.getByTestId('measurement-save'));
    await waitFor(() => expect(within(one('indicator-row', 'code', 'miners_trained')!).getByTestId('indicator-chart')).toHaveAttribute('data-count', '5'));
    expect(callsOf(backend, 'save_record')[0]).toMatchObject({ kind: 'measurement', fields: { indicatorId: card.dataset.id, on: '2027-03-31', value: 260, female: 80 } });
    expect(screen.getAllByTestId('chart-summary')[0]).toHaveTextContent('5 measurement(s)');
  });

  it('adopts an indicator from the library', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.3');
    const row = await found('library-row', 'code', 'inspections_carried_out');
    await fireEvent.click(within(row).getByTestId('library-adopt'));
    expect(input('indicator-indicator').value).toBe('inspections_carried_out');
    await type('indicator-baseline', '12');
    await type('indicator-target', '48');
    await type('indicator-owner', 'Mines inspectorate');
    await fireEvent.click(screen.getByTestId('indicator-save'));
    await waitFor(() => expect(one('indicator-row', 'code', 'inspections_carried_out')).not.toBeNull());
    expect(callsOf(backend, 'save_record')[0]).toMatchObject({ kind: 'adopted_indicator', fields: { indicator: 'inspections_carried_out', baseline: 12, target: 48, owner: 'Mines inspectorate' } });
    expect(one('library-row', 'code', 'inspections_carried_out')).toHaveAttribute('data-adopted', 'true');
  });

  it('records a review with an adjustment linked to a plan action', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('3.3');
    await fireEvent.click(await screen.findByTestId('review-add'));
    await type('review-held-on', '2027-06-20');
    await type('review-period', '2027-Q1 to 2027-Q2');
    await type('review-findings', 'Licensing is slower in Kasoro.');
    await fireEvent.click(screen.getByTestId('review-adjustment-add'));
    await type('review-adjustments-description-0', 'Open a second window in Kasoro');
    await type('review-adjustments-strategy-version-0', '2');
    const action = backend.phase1.live('ws-1', 'plan_action')[0];
    await choose('review-adjustments-action-0', action.id);
    await fireEvent.click(screen.getByTestId('review-save'));
    await waitFor(() => expect(screen.getAllByTestId('review-row')).toHaveLength(2));
    expect(callsOf(backend, 'save_record')[0].fields).toEqual({
      heldOn: '2027-06-20',
      period: '2027-Q1 to 2027-Q2',
      findings: 'Licensing is slower in Kasoro.',
      adjustments: [{ description: 'Open a second window in Kasoro', strategyVersion: 2, actionId: action.id }],
      nextOn: null,
    });
    const adjustment = screen.getAllByTestId('review-adjustment').find((a) => a.textContent?.includes('second window'))!;
    expect(adjustment).toHaveAttribute('data-action-id', action.id);
    expect(adjustment).toHaveTextContent('Strategy version 2');
  });

  it('an adjustment without a description is refused next to its line', async () => {
    fakeBackend({ scenario: 'demo' });
    records('3.3');
    await fireEvent.click(await screen.findByTestId('review-add'));
    await type('review-held-on', '2027-06-20');
    await type('review-findings', 'Findings');
    await fireEvent.click(screen.getByTestId('review-adjustment-add'));
    await fireEvent.click(screen.getByTestId('review-save'));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(/\S/);
    expect(screen.getByTestId('review-adjustments')).toHaveTextContent('Adjustment 1:');
  });
});

describe('traceability', () => {
  function chain(backend: Backend) {
    const ws = 'ws-1';
    const p = backend.phase1;
    const site = p.live(ws, 'site')[0];
    const issue = p.save(ws, 'strategy_issue', null, { description: 'Mercury burnt in the open', category: 'health', severity: 5, evidence: [{ kind: 'site', id: site.id }] }).id;
    const goal = p.save(ws, 'strategy_goal', null, { statement: 'Halve mercury use by 2030', issues: [issue], indicators: ['mercury_used'] }).id;
    const type = p.save(ws, 'asm_type', null, { name: 'Alluvial gold', commodity: 'gold', toFormalise: true }).id;
    const measure = p.save(ws, 'strategy_measure', null, { typeId: type, instrument: 'mercury_free_processing_centres', approach: 'impacts', goals: [goal] }).id;
    const action = p.save(ws, 'plan_action', null, { title: 'Build two mercury-free centres', instrument: 'mercury_free_processing_centres', typeIds: [type], startOn: '2027-01-01', endOn: '2027-12-31' }).id;
    const indicator = p.save(ws, 'adopted_indicator', null, { indicator: 'mercury_used', goalIds: [goal] }).id;
    return { site, issue, goal, measure, action, indicator };
  }

  it('opens a goal’s trace from step 2.1: issues and evidence, measures, actions, indicators', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    const ids = chain(backend);
    records('2.1');
    const goal = await found('goal-row', 'id', ids.goal);
    await fireEvent.click(within(goal).getByTestId('goal-trace'));
    const panel = await screen.findByTestId('trace-panel');
    await within(panel).findByTestId('trace-goal');
    expect(callsOf(backend, 'get_trace')).toEqual([{ workspaceId: 'ws-1', goalId: ids.goal, actionId: null }]);
    expect(within(panel).getByTestId('trace-goal')).toHaveTextContent('Halve mercury use by 2030');
    expect(within(panel).getByTestId('trace-issue')).toHaveAttribute('data-id', ids.issue);
    expect(within(panel).getByTestId('trace-evidence')).toHaveTextContent(ids.site.name as string);
    expect(within(panel).getByTestId('trace-measure')).toHaveAttribute('data-id', ids.measure);
    expect(within(panel).getByTestId('trace-measure')).toHaveTextContent('Alluvial gold');
    expect(within(panel).getByTestId('trace-action')).toHaveAttribute('data-id', ids.action);
    expect(within(panel).getByTestId('trace-indicator')).toHaveAttribute('data-id', ids.indicator);
    await fireEvent.click(within(panel).getByTestId('trace-close'));
    expect(screen.queryByTestId('trace-panel')).toBeNull();
  });

  it('walks back from an action of step 3.1', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    const ids = chain(backend);
    records('3.1');
    const row = await found('plan-action-row', 'id', ids.action);
    await fireEvent.click(within(row).getByTestId('plan-action-trace'));
    const panel = await screen.findByTestId('trace-panel');
    await within(panel).findByTestId('trace-measure');
    expect(callsOf(backend, 'get_trace')).toEqual([{ workspaceId: 'ws-1', goalId: null, actionId: ids.action }]);
    expect(within(panel).getByTestId('trace-goal')).toHaveAttribute('data-id', ids.goal);
    expect(within(panel).getByTestId('trace-issue')).toHaveAttribute('data-id', ids.issue);
    expect(within(panel).getByTestId('trace-action')).toHaveAttribute('data-id', ids.action);
  });
});

describe('navigation', () => {
  it('Registers → Licence holders opens step 3.1 at the register', async () => {
    fakeBackend({ scenario: 'demo' });
    render(App);
    await screen.findByTestId('home');
    const link = screen.getByTestId('nav-licence-holders');
    expect(link).toBeEnabled();
    await fireEvent.click(link);
    expect(await screen.findByTestId('step-page')).toHaveAttribute('data-step', '3.1');
    expect(await screen.findByTestId('section-licences')).toBeInTheDocument();
    expect(link).toHaveAttribute('aria-current', 'page');
    expect(await screen.findAllByTestId('holder-row')).toHaveLength(6);
  });
});
