// Phase 1 screens over the fake backend (or a hand-written mockIPC where the answer must be exact).
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import StepRecords from '../components/phase1/StepRecords.svelte';
import { allCatalogues } from '../dev/fakePhase1';
import type { Forum } from '../lib/api';
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
const records = (step: '1.1' | '1.2' | '1.3' | '1.4') => render(StepRecords, { props: { workspaceId: 'ws-1', step, onchange: () => {} } });

describe('step 1.1 task force', () => {
  it('saves the charter with numbers as numbers and an empty date as null', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.1');
    await waitFor(() => expect(input('charter-budget-amount').value).toBe('48000'));

    await fireEvent.input(input('charter-budget-amount'), { target: { value: '12,500.5' } });
    await fireEvent.input(input('charter-budget-currency'), { target: { value: 'xof' } });
    await fireEvent.input(input('charter-adopted-on'), { target: { value: '' } });
    await fireEvent.input(screen.getByTestId('tf-charter-mandate'), { target: { value: 'Prepare the strategy' } });
    await fireEvent.click(screen.getByTestId('tf-charter-save'));

    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    const sent = callsOf(backend, 'save_record')[0];
    expect(sent).toMatchObject({ workspaceId: 'ws-1', kind: 'task_force_charter' });
    expect(sent.fields).toEqual({
      mandate: 'Prepare the strategy',
      legalBasis: 'Mining Code, article 109; Provincial decree 12/2026 of 14 February 2026',
      leadAgency: 'mines',
      chair: 'Hon. Grace Mwamba',
      secretariat: 'Provincial mining division, small-scale mining unit',
      budgetAmount: 12500.5,
      budgetCurrency: 'XOF',
      adoptedOn: null,
    });
    expect(await screen.findByText('Saved')).toBeInTheDocument();
  });

  it('does not send a number it cannot read, and says so next to the field', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.1');
    await waitFor(() => expect(input('charter-budget-amount').value).toBe('48000'));
    await fireEvent.input(input('charter-budget-amount'), { target: { value: 'forty' } });
    await fireEvent.click(screen.getByTestId('tf-charter-save'));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Enter a number, for example 12 or 3.5.');
    expect(document.getElementById('charter-budget-amount-error')).toHaveTextContent('Enter a number');
    expect(callsOf(backend, 'save_record')).toHaveLength(0);
  });

  it('shows the agencies the guidance names, and adding a member from one marks it represented', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.1');
    const missing = await screen.findByTestId('tf-agency-missing-water');
    expect(missing).toHaveTextContent('Missing');
    expect(screen.getByTestId('tf-agency-present-mines')).toHaveTextContent('Represented');
    expect(screen.getAllByTestId('tf-member-row')).toHaveLength(6);

    await fireEvent.click(within(missing).getByRole('button'));
    expect(input('member-agency').value).toBe('water');
    await fireEvent.input(input('member-focal-person'), { target: { value: 'Claudine Nshimiye' } });
    await fireEvent.change(input('member-level'), { target: { value: 'province' } });
    await fireEvent.click(screen.getByTestId('tf-member-save'));

    expect(await screen.findByTestId('tf-agency-present-water')).toHaveTextContent('Represented');
    expect(screen.getAllByTestId('tf-member-row')).toHaveLength(7);
    expect(callsOf(backend, 'save_record').at(-1)).toEqual({
      workspaceId: 'ws-1',
      kind: 'task_force_member',
      id: null,
      fields: { agency: 'water', department: '', focalPerson: 'Claudine Nshimiye', level: 'province', role: '' },
    });
  });

  it('flags an overdue action in words and saves "done" at once', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.1');
    const overdue = await screen.findByTestId('tf-action-overdue');
    expect(overdue).toHaveTextContent('Overdue');
    const row = overdue.closest('tr')!;
    await fireEvent.click(within(row).getByTestId('tf-action-done'));
    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0]).toMatchObject({ kind: 'meeting_action', fields: { done: true, dueOn: '2026-08-30' } });
    await waitFor(() => expect(screen.queryByTestId('tf-action-overdue')).toBeNull());
  });
});

describe('step 1.3 sites', () => {
  it('shows a validation error next to #site-latitude and in the summary', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.3');
    await fireEvent.click(await screen.findByTestId('site-add'));
    await fireEvent.input(input('site-name'), { target: { value: 'Kalima East' } });
    await fireEvent.input(input('site-admin-unit'), { target: { value: 'Mbeli' } });
    await fireEvent.change(input('site-commodity'), { target: { value: 'gold' } });
    await fireEvent.input(input('site-latitude'), { target: { value: '123' } });
    await fireEvent.input(input('site-longitude'), { target: { value: '28.9' } });
    await fireEvent.input(input('site-miners-female'), { target: { value: '4' } });
    await fireEvent.click(screen.getByTestId('site-save'));

    const summary = await screen.findByTestId('error-summary');
    const message = 'Latitude must be between -90 and 90 degrees, for example -2.5083.';
    expect(summary).toHaveTextContent(message);
    expect(document.getElementById('site-latitude-error')).toHaveTextContent(message);
    expect(input('site-latitude')).toHaveAttribute('aria-invalid', 'true');
    expect(callsOf(backend, 'save_record')[0].fields).toMatchObject({ latitude: 123, longitude: 28.9, minersFemale: 4, minersMale: null, commodity: 'gold' });
  });

  it('asks list_sites for a page, sorts when a header is clicked, and shows "1–100 of N"', async () => {
    const backend = fakeBackend({ scenario: 'demo', sites: 240 });
    records('1.3');
    await waitFor(() => expect(screen.getByTestId('sites-count')).toHaveTextContent('1–100 of 240'));
    expect(screen.getAllByTestId('site-row')).toHaveLength(100);
    expect(callsOf(backend, 'list_sites')[0]).toEqual({
      workspaceId: 'ws-1',
      query: { text: '', commodity: '', depositType: '', mechanisation: '', legalStatus: '', sort: 'name', descending: false, offset: 0, limit: 100 },
    });

    await fireEvent.click(screen.getByTestId('sites-sort-minersMale'));
    await waitFor(() => expect(callsOf(backend, 'list_sites').at(-1)?.query).toMatchObject({ sort: 'minersMale', descending: false, offset: 0, limit: 100 }));
    await fireEvent.click(screen.getByTestId('sites-sort-minersMale'));
    await waitFor(() => expect(callsOf(backend, 'list_sites').at(-1)?.query).toMatchObject({ sort: 'minersMale', descending: true }));
    const header = screen.getByTestId('sites-sort-minersMale').closest('th')!;
    expect(header).toHaveAttribute('aria-sort', 'descending');

    await fireEvent.click(screen.getByTestId('sites-next'));
    await waitFor(() => expect(screen.getByTestId('sites-count')).toHaveTextContent('101–200 of 240'));
    expect(callsOf(backend, 'list_sites').at(-1)?.query).toMatchObject({ offset: 100, limit: 100, sort: 'minersMale', descending: true });

    await fireEvent.change(screen.getByTestId('sites-filter-commodity'), { target: { value: 'tin' } });
    await waitFor(() => expect(callsOf(backend, 'list_sites').at(-1)?.query).toMatchObject({ commodity: 'tin', offset: 0 }));
  });
});

describe('step 1.2 forum', () => {
  it('shows the three indicators computed by get_forum', async () => {
    const forum: Forum = {
      charter: null,
      stakeholders: [],
      events: [],
      genderBalance: { female: 12, male: 28, femaleShare: 0.3 },
      groupsNeverConsulted: ['traders', 'health_workers'],
      regularity: { expectedPerYear: 4, heldLast12Months: 2, meetsTerms: false },
    };
    mockIPC((cmd) => {
      if (cmd === 'get_catalogues') return allCatalogues('en');
      if (cmd === 'get_forum') return forum;
      throw new Error(`unexpected ${cmd}`);
    });
    records('1.2');
    const gender = await screen.findByTestId('forum-gender-balance');
    expect(gender).toHaveTextContent('30% women');
    expect(gender).toHaveTextContent('Women 12 · men 28');
    // The register is empty here, so the never-consulted card asks for stakeholders first.
    expect(screen.getByTestId('forum-never-consulted')).toHaveTextContent('Add stakeholders to the register');
    const regularity = screen.getByTestId('forum-regularity');
    expect(regularity).toHaveTextContent('2 consultation(s) held in the last 12 months.');
    expect(regularity).toHaveTextContent('expect 4 per year');
    expect(regularity).toHaveTextContent('No: the forum meets less often than its terms say.');
  });

  it('names the groups never consulted with their labels', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.2');
    const card = await screen.findByTestId('forum-never-consulted');
    const expected = backend.phase1.forum('ws-1', '2026-11-28').groupsNeverConsulted;
    expect(expected.length).toBeGreaterThan(0);
    const labels = allCatalogues('en').stakeholder_groups!;
    await waitFor(() => {
      for (const code of expected) expect(card).toHaveTextContent(labels.find((g) => g.code === code)!.label);
    });
    expect(screen.getByTestId('forum-regularity')).toHaveTextContent('Yes: the forum meets as often as its terms say.');
  });

  it('records a consultation with its attendance counts as numbers', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.2');
    await fireEvent.click(await screen.findByTestId('forum-event-add'));
    await fireEvent.input(input('event-held-on'), { target: { value: '2026-11-20' } });
    await fireEvent.click(screen.getByTestId('forum-event-attendance-add'));
    await fireEvent.change(input('event-attendance-group-0'), { target: { value: 'women_miners' } });
    await fireEvent.input(input('event-attendance-female-0'), { target: { value: '14' } });
    await fireEvent.input(input('event-attendance-male-0'), { target: { value: '2' } });
    await fireEvent.click(document.getElementById('event-steps-1-3') as HTMLInputElement);
    await fireEvent.click(screen.getByTestId('forum-event-save'));
    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0].fields).toEqual({
      heldOn: '2026-11-20',
      place: '',
      steps: ['1.3'],
      attendance: [{ group: 'women_miners', female: 14, male: 2 }],
      issuesRaised: '',
      governmentResponse: '',
    });
    await waitFor(() => expect(screen.getAllByTestId('forum-event-row')).toHaveLength(6));
  });
});

describe('import wizard', () => {
  it('lists rejected rows with every reason and imports only after confirmation', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('1.3');
    await fireEvent.click(await screen.findByTestId('import-open'));

    const preview = await screen.findByTestId('import-preview');
    expect(preview).toHaveTextContent('4 rows will be imported, 2 rejected');
    const rejected = screen.getAllByTestId('import-rejected-row');
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toHaveAttribute('data-row', '4');
    expect(rejected[0]).toHaveTextContent('Latitude must be between -90 and 90 degrees');
    expect(rejected[1]).toHaveTextContent('The number under 18 cannot be more than the women and men counted.');
    expect(rejected[1]).toHaveTextContent('Choose the main commodity.');
    expect(screen.getByText(/Nothing is written to Lode until you choose/)).toBeInTheDocument();
    expect(screen.getAllByTestId('import-sample-row')).toHaveLength(4);
    expect(callsOf(backend, 'import_commit')).toHaveLength(0);

    // Unmapping a required field: every row is rejected, and the commit button says 0.
    await fireEvent.change(screen.getByTestId('import-map-commodity'), { target: { value: '' } });
    await waitFor(() => expect(screen.getByTestId('import-preview')).toHaveTextContent('0 rows will be imported, 6 rejected'));
    const remap = callsOf(backend, 'import_remap')[0];
    expect(remap.mapping).toMatchObject({ name: 'Name', commodity: null, latitude: 'Latitude' });
    expect(screen.getByTestId('import-commit')).toBeDisabled();
    await fireEvent.change(screen.getByTestId('import-map-commodity'), { target: { value: 'Commodity' } });
    await waitFor(() => expect(screen.getByTestId('import-commit')).toHaveTextContent('Import 4 rows'));

    const before = backend.phase1.live('ws-1', 'site').length;
    await fireEvent.click(screen.getByTestId('import-commit'));
    const result = await screen.findByTestId('import-result');
    expect(result).toHaveTextContent('4 rows imported.');
    expect(result).toHaveTextContent('2 rows were not imported');
    expect(callsOf(backend, 'import_commit')).toHaveLength(1);
    expect(backend.phase1.live('ws-1', 'site').length).toBe(before + 4);

    await fireEvent.click(screen.getByTestId('import-close'));
    await waitFor(() => expect(screen.getByTestId('sites-count')).toHaveTextContent(`of ${before + 4}`));
  });

  it('shows nothing when the officer cancels the file dialog, and Cancel ends the session', async () => {
    const backend = fakeBackend({ scenario: 'demo', importFile: 'cancel' });
    records('1.2');
    await fireEvent.click(await screen.findByTestId('import-open'));
    await waitFor(() => expect(callsOf(backend, 'import_open')).toEqual([{ workspaceId: 'ws-1', kind: 'stakeholder' }]));
    await waitFor(() => expect(screen.queryByTestId('import-wizard')).toBeNull());
    expect(screen.getByTestId('forum-stakeholder-add')).toBeInTheDocument();

    backend.importFile = 'canned';
    await fireEvent.click(screen.getByTestId('import-open'));
    await screen.findByTestId('import-preview');
    await fireEvent.click(screen.getByTestId('import-cancel'));
    await waitFor(() => expect(callsOf(backend, 'import_cancel')).toHaveLength(1));
    expect(screen.queryByTestId('import-wizard')).toBeNull();
    expect(callsOf(backend, 'import_commit')).toHaveLength(0);
  });
});

describe('registers in the sidebar', () => {
  it('Sites opens the 1.3 Sites tab and Stakeholders the 1.2 register', async () => {
    fakeBackend({ scenario: 'demo' });
    localStorage.setItem('lode.context.tab', 'capacity');
    render(App);
    await screen.findByTestId('step-card-1.1');
    await fireEvent.click(screen.getByTestId('nav-sites'));
    const page = await screen.findByTestId('step-page');
    expect(page).toHaveAttribute('data-step', '1.3');
    await waitFor(() => expect(screen.getByTestId('context-tab-sites')).toHaveAttribute('aria-selected', 'true'));
    await screen.findByTestId('sites-count');

    await fireEvent.click(screen.getByTestId('nav-stakeholders'));
    await waitFor(() => expect(screen.getByTestId('step-page')).toHaveAttribute('data-step', '1.2'));
    expect(await screen.findByTestId('forum-register')).toBeInTheDocument();
  });
});
