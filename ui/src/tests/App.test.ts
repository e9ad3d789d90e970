import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { store } from '../lib/store.svelte';
import { fakeBackend } from './helpers';

beforeEach(() => store.reset());
afterEach(() => {
  cleanup();
  clearMocks();
});

describe('app shell', () => {
  it('switching language re-renders in French at once, without a reload', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(App);
    await screen.findByTestId('step-card-1.1');
    expect(document.documentElement.lang).toBe('en');
    const nav = screen.getByTestId('nav-workspaces');
    expect(nav).toHaveTextContent('Workspaces');

    await fireEvent.change(document.getElementById('language')!, { target: { value: 'fr' } });

    // UI strings switch at once; the same elements stay (no reload).
    expect(screen.getByTestId('nav-workspaces')).toBe(nav);
    expect(nav).toHaveTextContent('Espaces de travail');
    expect(document.documentElement.lang).toBe('fr');
    expect(backend.calls.find((c) => c.cmd === 'set_language')?.args).toEqual({ language: 'fr' });
    // Texts from Rust are fetched again in French.
    await waitFor(() => expect(screen.getByTestId('step-card-1.1')).toHaveTextContent('Constituer un groupe de travail'));
    expect(screen.getByTestId('step-card-1.1')).toHaveTextContent('En cours');
    expect(screen.getByTestId('step-card-1.1')).toHaveTextContent('75 %');
  });

  it('shows the create-workspace form when there is no workspace yet', async () => {
    const backend = fakeBackend({ scenario: 'empty' });
    render(App);
    await waitFor(() => expect(document.getElementById('workspace-name')).toBeInTheDocument());
    await fireEvent.input(document.getElementById('workspace-name')!, { target: { value: 'ASM strategy 2027–2030' } });
    await fireEvent.click(screen.getByTestId('workspace-create'));
    expect(await screen.findByText('Some answers need correcting. Each one is listed below, next to its field.')).toBeInTheDocument();
    expect(screen.getByTestId('error-summary')).toHaveTextContent('Enter the jurisdiction');

    await fireEvent.input(document.getElementById('workspace-jurisdiction')!, { target: { value: 'Lwanga Province' } });
    await fireEvent.click(screen.getByTestId('workspace-create'));
    await screen.findByTestId('step-card-3.3');
    expect(backend.workspaces).toHaveLength(1);
  });

  it('switches workspace from the top bar', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.workspaces[1].archived = false;
    render(App);
    await screen.findByTestId('step-card-1.1');
    await fireEvent.change(screen.getByTestId('workspace-switcher'), { target: { value: 'ws-2' } });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Kivu gold pilot (2024)'));
    expect(backend.calls.find((c) => c.cmd === 'open_workspace')?.args).toEqual({ workspaceId: 'ws-2' });
  });

  it('shows a backup result, and an error banner that can be dismissed', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    render(App);
    await screen.findByTestId('step-card-1.1');
    await fireEvent.click(screen.getByTestId('backup'));
    expect(await screen.findByText(/Backup saved to \/home\/amina\/Documents\/lode-backup-2026-11-28\.lode \(1\.5 MB\)/)).toBeInTheDocument();

    backend.handle = async () => {
      throw { code: 'store.backup_failed', message: 'The backup could not be verified.', record: null, fields: [] };
    };
    await fireEvent.click(screen.getByTestId('backup'));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('The backup could not be verified.');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Ctrl+K opens the jump palette; typing filters and Enter goes', async () => {
    fakeBackend({ scenario: 'demo' });
    render(App);
    await screen.findByTestId('step-card-1.1');
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await screen.findByTestId('jump-palette');
    const input = document.getElementById('jump-input')!;
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: 'stakeholder' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    const page = await screen.findByTestId('step-page');
    expect(page).toHaveAttribute('data-step', '1.2');
    expect(screen.queryByTestId('jump-palette')).toBeNull();
  });
});
