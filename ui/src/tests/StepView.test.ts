import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import StepView from '../components/StepView.svelte';
import { todayIso } from '../lib/i18n.svelte';
import { store } from '../lib/store.svelte';
import { fakeBackend } from './helpers';

beforeEach(() => {
  store.reset();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const callsOf = (backend: ReturnType<typeof fakeBackend>, cmd: string) => backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe('step page', () => {
  it('ticking a checklist item calls set_checklist_item at once with today as the date', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const box = (await screen.findByTestId('check-budget')) as HTMLInputElement;
    expect(box.checked).toBe(false);

    await fireEvent.click(box);

    await waitFor(() => expect(callsOf(backend, 'set_checklist_item')).toHaveLength(1));
    expect(callsOf(backend, 'set_checklist_item')[0]).toEqual({
      workspaceId: 'ws-1',
      step: '1.1',
      key: 'budget',
      ticked: true,
      date: todayIso(),
      note: '',
    });
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveAttribute('data-state', 'saved'));
    expect(screen.getByTestId('save-state')).toHaveTextContent('Saved');
    // The date field appears, filled with today.
    expect(screen.getByTestId('check-date-budget')).toHaveValue(todayIso());
  });

  it('saves a checklist note once typing pauses, keeping what was typed', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const note = await screen.findByTestId('check-note-mandate');
    vi.useFakeTimers();
    await fireEvent.input(note, { target: { value: 'Order 2026/1' } });
    await fireEvent.input(note, { target: { value: 'Order 2026/114' } });
    expect(screen.getByTestId('save-state')).toHaveAttribute('data-state', 'saving');
    expect(callsOf(backend, 'set_checklist_item')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(450);
    vi.useRealTimers();
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveAttribute('data-state', 'saved'));
    const sent = callsOf(backend, 'set_checklist_item');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ key: 'mandate', ticked: true, date: '2026-09-14', note: 'Order 2026/114' });
  });

  it('shows "Not saved" with the message when a save fails', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const box = await screen.findByTestId('check-budget');
    backend.workspaces[0].archived = true; // the backend now refuses writes
    await fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveAttribute('data-state', 'error'));
    expect(screen.getByTestId('save-state')).toHaveTextContent('Not saved — This workspace is archived.');
    // The tick stays on screen: nothing the officer did is silently undone.
    expect(screen.getByTestId('check-budget')).toBeChecked();
  });

  it('pre-fills the composer from the draft, saves the draft, and adds a note', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const text = (await screen.findByLabelText('New note or decision')) as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).toBe('Ask Finance for the budget line number'));
    expect(screen.getAllByTestId('note-item')).toHaveLength(2);

    await fireEvent.input(text, { target: { value: 'Finance confirmed budget line 4.2.1' } });
    await fireEvent.blur(text);
    await waitFor(() => expect(callsOf(backend, 'save_note_draft')).toEqual([{ workspaceId: 'ws-1', step: '1.1', text: 'Finance confirmed budget line 4.2.1' }]));

    await fireEvent.change(document.getElementById('note-kind')!, { target: { value: 'decision' } });
    await fireEvent.click(screen.getByTestId('note-add'));
    await waitFor(() => expect(screen.getAllByTestId('note-item')).toHaveLength(3));
    expect(callsOf(backend, 'add_note')[0]).toEqual({ workspaceId: 'ws-1', step: '1.1', text: 'Finance confirmed budget line 4.2.1', kind: 'decision' });
    const newest = screen.getAllByTestId('note-item')[0];
    expect(newest).toHaveTextContent('Finance confirmed budget line 4.2.1');
    expect(newest).toHaveTextContent('Decision');
    expect(newest).toHaveTextContent('Amina Diallo');
    expect(text.value).toBe('');
  });

  it('shows the field message when a note is added empty', async () => {
    fakeBackend({ scenario: 'demo' });
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.2' } });
    await screen.findByTestId('note-add');
    await fireEvent.click(screen.getByTestId('note-add'));
    expect(await screen.findByText('Write the note before adding it.')).toBeInTheDocument();
    expect(document.getElementById('note-text')).toHaveAttribute('aria-invalid', 'true');
    // The message sits with the field; the save state is not left saying "Not saved".
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveAttribute('data-state', 'saved'));
  });

  it('deletes a note only after a second confirming click', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const first = (await screen.findAllByTestId('note-item'))[0];
    await fireEvent.click(within(first).getByTestId('note-delete'));
    expect(callsOf(backend, 'delete_note')).toHaveLength(0);
    await fireEvent.click(within(first).getByTestId('note-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('note-item')).toHaveLength(1));
    expect(callsOf(backend, 'delete_note')[0]).toEqual({ workspaceId: 'ws-1', step: '1.1', noteId: 'n2' });
  });

  it('remembers that the guidance was folded', async () => {
    fakeBackend({ scenario: 'demo' });
    const first = render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const details = (await screen.findByText(/About this step/)).closest('details')!;
    expect(details.open).toBe(true);
    details.open = false;
    details.dispatchEvent(new Event('toggle'));
    first.unmount();
    render(StepView, { props: { workspaceId: 'ws-1', step: '1.1' } });
    const again = (await screen.findByText(/About this step/)).closest('details')!;
    expect(again.open).toBe(false);
  });
});
