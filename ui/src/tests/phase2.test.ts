// Phase 2 screens (steps 2.1–2.4) over the fake backend, which stands in for the Rust rules.
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import Phase2Records from '../components/phase2/Phase2Records.svelte';
import type { StepId } from '../lib/api';
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
const records = (step: StepId) => render(Phase2Records, { props: { workspaceId: 'ws-1', step, onchange: () => {} } });
const row = (testid: string, attr: string, value: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"][${attr}="${value}"]`)!;
const rankOrder = () => screen.getAllByTestId('ranking-row').map((r) => r.dataset.id);

describe('step 2.1 vision', () => {
  it('asks for a rationale when a technique leaves its default category, and saves it with one', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('2.1');
    await screen.findByTestId('technique-table');
    const technique = () => row('technique-row', 'data-code', 'no_ppe');
    expect(technique()).toHaveAttribute('data-category', 'poor');
    expect(technique()).toHaveAttribute('data-changed', 'false');

    await fireEvent.click(within(technique()).getByTestId('technique-edit'));
    expect(input('technique-category').value).toBe('poor');
    await fireEvent.change(input('technique-category'), { target: { value: 'unacceptable' } });
    await fireEvent.click(screen.getByTestId('technique-save'));

    const message = "Say why the government's category differs from the catalogue's.";
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(message);
    expect(document.getElementById('technique-rationale-error')).toHaveTextContent(message);
    expect(callsOf(backend, 'save_record')[0]).toEqual({
      workspaceId: 'ws-1',
      kind: 'technique_assessment',
      id: null,
      fields: { technique: 'no_ppe', category: 'unacceptable', rationale: '', source: '' },
    });

    await fireEvent.input(input('technique-rationale'), { target: { value: 'Deaths from mercury vapour at Kalima, 2026' } });
    await fireEvent.click(screen.getByTestId('technique-save'));
    await waitFor(() => expect(technique()).toHaveAttribute('data-category', 'unacceptable'));
    expect(technique()).toHaveAttribute('data-changed', 'true');
    expect(within(technique()).getByTestId('technique-changed')).toHaveTextContent('Changed from the default');
    expect(technique()).toHaveTextContent('Deaths from mercury vapour at Kalima, 2026');
    expect(technique().dataset.id).not.toBe('');
    expect(screen.queryByTestId('technique-form')).toBeNull();
  });

  it('links a site found through list_sites as evidence of an issue', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('2.1');
    await fireEvent.click(await screen.findByTestId('issue-add'));
    await fireEvent.input(input('issue-description'), { target: { value: 'Mercury burnt in the open near homes' } });
    await fireEvent.change(input('issue-category'), { target: { value: 'health' } });
    await fireEvent.change(input('issue-severity'), { target: { value: '5' } });
    await fireEvent.input(screen.getByTestId('issue-evidence-search'), { target: { value: 'kalima north' } });
    await waitFor(() => expect(callsOf(backend, 'list_sites').at(-1)?.query).toMatchObject({ text: 'kalima north' }));
    const option = (await screen.findAllByTestId('issue-evidence-option'))[0];
    const siteId = option.dataset.id!;
    await fireEvent.click(option);
    expect(screen.getByTestId('issue-evidence-chip')).toHaveAttribute('data-id', siteId);

    await fireEvent.click(screen.getByTestId('issue-save'));
    await waitFor(() => expect(screen.getAllByTestId('issue-row')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0].fields).toEqual({
      description: 'Mercury burnt in the open near homes',
      category: 'health',
      severity: 5,
      scope: '',
      evidence: [{ kind: 'site', id: siteId }],
    });
    expect(screen.getByTestId('issue-evidence-label')).toHaveTextContent(/Kalima North/);
  });
});

describe('step 2.2 types and priorities', () => {
  it('accepting the proposals creates the types and empties the proposals', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('2.2');
    const proposals = await screen.findByTestId('types-proposals');
    const count = within(proposals).getAllByTestId('types-proposal-row').length;
    expect(count).toBeGreaterThan(1);
    expect(proposals).toHaveTextContent(`Lode proposes ${count} type(s) from your sites`);
    expect(screen.getByTestId('types-unassigned')).toHaveAttribute('data-count', '240');

    await fireEvent.click(screen.getByTestId('types-accept'));
    await waitFor(() => expect(screen.getAllByTestId('type-row')).toHaveLength(count));
    expect(callsOf(backend, 'accept_proposed_types')).toEqual([{ workspaceId: 'ws-1' }]);
    expect(screen.getByTestId('types-accepted')).toHaveTextContent(`${count} type(s) created.`);
    expect(screen.queryByTestId('types-proposals')).toBeNull();
    expect(screen.getByTestId('types-unassigned')).toHaveAttribute('data-count', '0');
    expect(screen.getAllByTestId('ranking-row')).toHaveLength(count);
  });

  it('a weight change saves the criterion, reads the ranking again and shows it move', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.phase2.acceptProposals('ws-1');
    records('2.2');
    await screen.findByTestId('ranking-table');
    const before = rankOrder();
    const readsBefore = callsOf(backend, 'get_types').length;

    const weight = input('criterion-weight-unacceptable_severity');
    await fireEvent.input(weight, { target: { value: '100' } });
    await fireEvent.change(weight);

    await waitFor(() => expect(callsOf(backend, 'save_record')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0]).toEqual({
      workspaceId: 'ws-1',
      kind: 'priority_criterion',
      id: null,
      fields: { basis: 'unacceptable_severity', name: '', weight: 100 },
    });
    await waitFor(() => expect(callsOf(backend, 'get_types').length).toBeGreaterThan(readsBefore));
    const expected = backend.phase2.types('ws-1').types.map((x) => x.id);
    await waitFor(() => expect(rankOrder()).toEqual(expected));
    expect(expected).not.toEqual(before);
    expect(screen.getAllByTestId('ranking-moved').length).toBeGreaterThan(0);
    // The built-in criterion now has a record of its own.
    expect(row('criterion-row', 'data-basis', 'unacceptable_severity').dataset.id).not.toBe('');
  });

  it('refuses a weight outside 0–100 without sending it', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    records('2.2');
    const weight = (await screen.findAllByTestId('criterion-weight'))[0];
    await fireEvent.input(weight, { target: { value: '250' } });
    await fireEvent.change(weight);
    expect(await screen.findByTestId('criterion-weight-error')).toHaveTextContent('Enter a whole number from 0 to 100.');
    expect(callsOf(backend, 'save_record')).toHaveLength(0);
  });
});

describe('step 2.3 strategy per type', () => {
  it('adds a measure that eliminates an unacceptable technique flagged at the type', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.phase2.acceptProposals('ws-1');
    records('2.3');
    const first = (await screen.findAllByTestId('strategy-type'))[0];
    expect(first).toHaveAttribute('aria-current', 'true');
    const typeId = first.dataset.id!;
    const flagged = (await screen.findAllByTestId('strategy-technique-unaddressed'))[0].closest('tr')!;
    const code = flagged.dataset.code!;

    await fireEvent.click(within(flagged).getByTestId('strategy-technique-eliminate'));
    expect((document.querySelector(`#measure-techniques input[data-code="${code}"]`) as HTMLInputElement).checked).toBe(true);
    expect(input('measure-action').value).toBe('eliminate');
    await fireEvent.change(input('measure-instrument'), { target: { value: 'clean_processing_demonstration_plants' } });
    await fireEvent.click(screen.getByTestId('measure-save'));

    await waitFor(() => expect(screen.getAllByTestId('measure-row')).toHaveLength(1));
    expect(callsOf(backend, 'save_record')[0]).toMatchObject({
      kind: 'strategy_measure',
      id: null,
      fields: { typeId, instrument: 'clean_processing_demonstration_plants', approach: 'impacts', techniques: [code], action: 'eliminate', goals: [] },
    });
    await waitFor(() => expect(row('strategy-technique-row', 'data-code', code)).toHaveAttribute('data-action', 'eliminate'));
  });
});

describe('step 2.4 finalise', () => {
  it('a finding’s "Go to" opens step 2.3 on the type it names', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.phase2.acceptProposals('ws-1');
    render(App);
    await screen.findByTestId('step-card-2.4');
    store.go({ name: 'step', step: '2.4' });
    await screen.findAllByTestId('finding-row');
    // The third type in rank order, so that choosing it is visible (the page opens on the first).
    const target = backend.phase2.types('ws-1').types[2].id;
    const finding = screen.getAllByTestId('finding-row').find((f) => f.dataset.rule === 'no_licence_type' && f.dataset.typeId === target)!;
    expect(finding).toHaveAttribute('data-step', '2.3');
    expect(finding).toHaveAttribute('data-section', 'strategy');

    await fireEvent.click(within(finding).getByTestId('finding-go'));
    await waitFor(() => expect(screen.getByTestId('step-page')).toHaveAttribute('data-step', '2.3'));
    await waitFor(() => expect(row('strategy-type', 'aria-current', 'true')?.dataset.id).toBe(target));
    expect(screen.getByTestId('section-strategy')).toHaveAttribute('data-type-id', target);
    expect(screen.getByTestId('nav-step-2.3')).toHaveAttribute('aria-current', 'page');

    // Fix it: set a licence type, then the checks no longer report it.
    await fireEvent.change(input('strategy-licence-type'), { target: { value: 'artisanal_permit' } });
    await fireEvent.click(screen.getByTestId('strategy-save'));
    await waitFor(() => expect(callsOf(backend, 'save_record').at(-1)).toMatchObject({ kind: 'type_strategy', id: null, fields: { typeId: target, licenceType: 'artisanal_permit' } }));
    store.go({ name: 'step', step: '2.4' });
    await screen.findAllByTestId('finding-row');
    expect(screen.getAllByTestId('finding-row').some((f) => f.dataset.rule === 'no_licence_type' && f.dataset.typeId === target)).toBe(false);
  });

  it('a goal no measure serves opens a new measure for it in step 2.3', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.phase2.acceptProposals('ws-1');
    const goalId = backend.phase1.save('ws-1', 'strategy_goal', null, { statement: 'Halve mercury use by 2030' }).id;
    render(App);
    await screen.findByTestId('step-card-2.4');
    store.go({ name: 'step', step: '2.4' });
    const finding = (await screen.findAllByTestId('finding-row')).find((f) => f.dataset.rule === 'goal_without_measure')!;
    expect(finding).toHaveAttribute('data-goal-id', goalId);
    expect(finding).toHaveTextContent('No measure serves the goal "Halve mercury use by 2030".');
    await fireEvent.click(within(finding).getByTestId('finding-go'));
    const form = await screen.findByTestId('measure-form');
    expect(within(form).getByLabelText('Halve mercury use by 2030')).toBeChecked();
  });

  it('shows Rust’s message when sign-off is refused', async () => {
    fakeBackend({ scenario: 'demo' });
    records('2.4');
    await fireEvent.click(await screen.findByTestId('version-sign'));
    await fireEvent.click(screen.getByTestId('version-sign-confirm'));
    const alert = await screen.findByTestId('version-alert');
    expect(alert).toHaveTextContent(/The checks found 1 problems/);
    expect(screen.getByTestId('version-state')).toHaveAttribute('data-state', 'draft');

    // With a reason, the version is signed with its findings open, and says so.
    await fireEvent.click(screen.getByTestId('version-sign'));
    await fireEvent.input(screen.getByLabelText(/Why sign off with 1 finding/), { target: { value: 'Priority types first.' } });
    await fireEvent.click(screen.getByTestId('version-sign-confirm'));
    await waitFor(() => expect(screen.getByTestId('version-state')).toHaveAttribute('data-state', 'signed'));
    expect(screen.getByTestId('version-note')).toHaveTextContent('Signed with 1 finding(s) open: Priority types first.');
  });

  it('signs off, shows the version locked everywhere, starts a new version and compares', async () => {
    const backend = fakeBackend({ scenario: 'demo', sites: 0 });
    render(App);
    await screen.findByTestId('step-card-2.4');
    store.go({ name: 'step', step: '2.4' });
    expect(await screen.findByTestId('finalise-no-findings')).toHaveTextContent('No findings');
    await fireEvent.click(screen.getByTestId('version-sign'));
    await fireEvent.click(screen.getByTestId('version-sign-confirm'));

    await waitFor(() => expect(screen.getByTestId('version-state')).toHaveAttribute('data-state', 'signed'));
    expect(callsOf(backend, 'sign_off_strategy')).toEqual([{ workspaceId: 'ws-1', note: null }]);
    expect(screen.getByTestId('version-box')).toHaveAttribute('data-locked', 'true');
    expect(screen.getByTestId('version-locked')).toHaveTextContent('Signed off by Amina Diallo');
    expect(screen.queryByTestId('version-sign')).toBeNull();

    // Step 2.1 says so and disables what Rust would refuse.
    store.go({ name: 'step', step: '2.1' });
    expect(await screen.findByTestId('strategy-locked')).toHaveTextContent('Version 1 of the strategy is signed off.');
    await waitFor(() => expect(screen.getByTestId('issue-add')).toBeDisabled());
    expect(screen.getByTestId('vision-save')).toBeDisabled();
    expect(screen.queryAllByTestId('technique-edit')).toHaveLength(0);

    // A new version, then a change, then the comparison.
    await fireEvent.click(screen.getByTestId('strategy-locked-go'));
    await fireEvent.click(await screen.findByTestId('version-new'));
    await waitFor(() => expect(screen.getByTestId('version-number')).toHaveAttribute('data-number', '2'));
    expect(screen.getByTestId('version-state')).toHaveAttribute('data-state', 'draft');
    backend.phase1.save('ws-1', 'vision', null, { statement: 'Safe, formal and mercury-free ASM by 2035' });
    expect(screen.getByTestId('compare-from')).toHaveValue('1');
    expect(screen.getByTestId('compare-to')).toHaveValue('');
    await fireEvent.click(screen.getByTestId('compare-run'));
    const result = await screen.findByTestId('compare-result');
    expect(callsOf(backend, 'compare_strategy_versions')).toEqual([{ workspaceId: 'ws-1', from: 1, to: null }]);
    const change = within(result).getByTestId('compare-row');
    expect(change).toHaveAttribute('data-change', 'added');
    expect(change).toHaveAttribute('data-kind', 'vision');
    expect(change).toHaveTextContent('Safe, formal and mercury-free ASM by 2035');
  });
});
