import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { store } from '../lib/store.svelte';
import { fakeBackend } from './helpers';

beforeEach(() => store.reset());
afterEach(() => {
  cleanup();
  clearMocks();
});

describe('home', () => {
  it('draws one card per step with the status from get_home', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(App);
    const home = await screen.findByTestId('home');
    await within(home).findByTestId('step-card-1.1');

    const expected = backend.home('ws-1');
    const steps = expected.phases.flatMap((p) => p.steps);
    expect(steps).toHaveLength(11);
    for (const s of steps) {
      const card = screen.getByTestId(`step-card-${s.step}`);
      expect(card).toHaveAttribute('data-status', s.status);
      expect(card).toHaveTextContent(s.title);
    }
    // Demo data: 1.1 lacks the budget and two of the seven agencies (8 of 11), 1.4 is done, 2.1 untouched.
    expect(screen.getByTestId('step-card-1.1')).toHaveAttribute('data-status', 'in_progress');
    expect(screen.getByTestId('step-card-1.1')).toHaveTextContent('In progress');
    expect(screen.getByTestId('step-card-1.1')).toHaveTextContent('75%');
    expect(screen.getByTestId('step-card-1.1')).toHaveTextContent('Budget for the process secured');
    expect(screen.getByTestId('step-card-1.4')).toHaveAttribute('data-status', 'complete');
    expect(screen.getByTestId('step-card-2.1')).toHaveAttribute('data-status', 'not_started');
    expect(screen.getByTestId('step-card-2.1')).toHaveTextContent('+1 more');
    await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  });

  it('opens a step when its card is clicked', async () => {
    fakeBackend({ scenario: 'demo' });
    render(App);
    const card = await screen.findByTestId('step-card-1.2');
    card.click();
    const page = await screen.findByTestId('step-page');
    expect(page).toHaveAttribute('data-step', '1.2');
    await within(page).findByText('Establish a stakeholder forum');
  });
});
