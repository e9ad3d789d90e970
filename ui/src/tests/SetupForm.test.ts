import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { store } from '../lib/store.svelte';

const emptyState = { installation: null, language: 'en', workspaces: [], currentWorkspaceId: null };

beforeEach(() => store.reset());
afterEach(() => {
  cleanup();
  clearMocks();
});

describe('first-run set-up', () => {
  it('shows the summary and each field message from a validation UiError', async () => {
    const sent: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_app_state') return emptyState;
      if (cmd === 'setup_installation') {
        sent.push(args as Record<string, unknown>);
        throw {
          code: 'validation',
          message: 'Some answers need correcting.',
          record: null,
          fields: [
            { field: 'officeName', code: 'required', message: 'Enter the name of your office.' },
            { field: 'officerRole', code: 'required', message: 'Enter your role.' },
          ],
        };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(App);
    await waitFor(() => expect(document.body.dataset.ready).toBe('true'));

    await fireEvent.input(document.getElementById('setup-country')!, { target: { value: 'Demo Republic' } });
    await fireEvent.click(screen.getByTestId('setup-submit'));

    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Enter the name of your office.');
    expect(summary).toHaveTextContent('Enter your role.');
    // Each field message sits with its field, and the field is marked invalid.
    const office = document.getElementById('setup-office-name')!;
    expect(office).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById('setup-office-name-error')).toHaveTextContent('Enter the name of your office.');
    expect(document.getElementById('setup-officer-role-error')).toHaveTextContent('Enter your role.');
    expect(document.getElementById('setup-country')).not.toHaveAttribute('aria-invalid');
    // The summary links move focus to the field.
    await fireEvent.click(screen.getByRole('link', { name: 'Enter your role.' }));
    expect(document.activeElement).toBe(document.getElementById('setup-officer-role'));

    expect(sent[0]).toEqual({
      officeName: '',
      level: 'national',
      country: 'Demo Republic',
      parentOffice: '',
      officerName: '',
      officerRole: '',
      language: 'en',
    });
  });

  it('switches the set-up screen to French before anything is filled in', async () => {
    const calls: string[] = [];
    let language = 'en';
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === 'set_language') language = (args as { language: string }).language;
      if (cmd === 'get_app_state' || cmd === 'set_language') return { ...emptyState, language };
      throw new Error(`unexpected ${cmd}`);
    });
    render(App);
    await screen.findByText('Set up Lode on this computer');
    await fireEvent.change(document.getElementById('setup-language')!, { target: { value: 'fr' } });
    expect(await screen.findByText('Configurer Lode sur cet ordinateur')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('fr');
    expect(calls).toContain('set_language');
  });
});
