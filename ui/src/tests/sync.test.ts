// The Sync page (keys, trust, bundles out and in, received bundles, conflicts) over the fake
// backend, which stands in for Rust's rules (crates/lode-store/src/sync).
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import SyncPage from '../components/sync/SyncPage.svelte';
import { fakePublicKey, keyInfo } from '../dev/fakeSync';
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
const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const type = (id: string, value: string) => fireEvent.input(field(id), { target: { value } });
const one = (testid: string, attr: string, value: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"][data-${attr}="${value}"]`);
/** The Sync page alone, once get_sync has answered. */
async function page(backend: Backend = fakeBackend({ scenario: 'demo' })): Promise<Backend> {
  render(SyncPage);
  await waitFor(() => expect(document.getElementById('section-conflicts-title')).toBeInTheDocument());
  return backend;
}

describe('sync page', () => {
  it('opens from the sidebar, with a badge counting open conflicts', async () => {
    fakeBackend({ scenario: 'demo' });
    render(App);
    const badge = await screen.findByTestId('nav-sync-conflicts');
    expect(badge).toHaveAttribute('data-count', '1');
    await fireEvent.click(screen.getByTestId('nav-sync'));
    expect(await screen.findByTestId('sync-page')).toBeInTheDocument();
    expect(screen.getByTestId('nav-sync')).toHaveAttribute('aria-current', 'page');
    for (const name of ['key', 'trusted', 'export', 'import', 'received', 'conflicts']) {
      expect(document.getElementById(`section-${name}-title`), name).toBeInTheDocument();
    }

    // Resolving the last conflict takes the badge away.
    await fireEvent.click(await screen.findByTestId('conflict-open'));
    await fireEvent.click(await screen.findByTestId('conflict-keep-local'));
    await waitFor(() => expect(screen.queryByTestId('nav-sync-conflicts')).toBeNull());
  });

  it('opens without a workspace: keys and bundles belong to the office', async () => {
    fakeBackend({ scenario: 'empty' });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-sync'));
    expect(await screen.findByTestId('sync-key-create')).toBeInTheDocument();
    expect(screen.queryByTestId('nav-sync-conflicts')).toBeNull();
  });
});

describe('office key', () => {
  it('creates the key once and shows its id, fingerprint and public key', async () => {
    const backend = await page();
    await fireEvent.click(screen.getByTestId('sync-key-create'));
    const fingerprint = await screen.findByTestId('sync-key-fingerprint');
    const key = backend.sync.officeKey!;
    expect(fingerprint).toHaveTextContent(key.fingerprint);
    expect(fingerprint.textContent).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(screen.getByTestId('sync-key-id')).toHaveTextContent(key.keyId);
    expect(screen.getByTestId('sync-key-public')).toHaveValue(key.publicKey);
    expect(screen.getByTestId('sync-key-public')).toHaveAttribute('readonly');
    expect(screen.getByTestId('sync-key-copy')).toBeInTheDocument();
    expect(screen.queryByTestId('sync-key-create')).toBeNull();
    expect(callsOf(backend, 'create_office_key')).toEqual([{}]);
  });
});

describe('trusted offices', () => {
  it('trusts a pasted key (spaces ignored) and shows its fingerprint to read out', async () => {
    const backend = await page();
    const hex = fakePublicKey('kalima');
    const expected = keyInfo(hex);
    // Pasted as it might arrive by e-mail: in groups, in capitals.
    const pasted = hex.toUpperCase().match(/.{8}/g)!.join(' ');
    await type('trust-office', 'Kalima district mining office');
    await type('trust-public-key', pasted);
    await fireEvent.click(screen.getByTestId('trust-save'));

    const box = await screen.findByTestId('trust-fingerprint');
    expect(box).toHaveTextContent(expected.fingerprint);
    expect(box).toHaveTextContent('Kalima district mining office');
    expect(callsOf(backend, 'trust_key')).toEqual([{ officeName: 'Kalima district mining office', publicKey: pasted }]);
    const row = one('trusted-row', 'key-id', expected.keyId)!;
    expect(row).toHaveAttribute('data-revoked', 'false');
    expect(row).toHaveTextContent(expected.fingerprint);
    expect(field('trust-office').value).toBe('');
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });

  it('shows Rust’s refusal of a key that is not 64 hex digits, and trusts nothing', async () => {
    const backend = await page();
    const before = screen.getAllByTestId('trusted-row').length;
    await type('trust-office', 'Kalima district mining office');
    await type('trust-public-key', 'not a key 1234');
    await fireEvent.click(screen.getByTestId('trust-save'));

    const error = await screen.findByTestId('sync-error');
    expect(error).toHaveAttribute('data-code', 'sync.bad_public_key');
    expect(error).toHaveTextContent('64 hexadecimal digits');
    expect(screen.getAllByTestId('trusted-row')).toHaveLength(before);
    expect(screen.queryByTestId('trust-fingerprint')).toBeNull();
    expect(backend.sync.trusted).toHaveLength(before);
  });

  it('revokes a key after a confirmation, and keeps it listed as revoked', async () => {
    const backend = await page();
    const keyId = backend.sync.trusted[0].keyId;
    const row = one('trusted-row', 'key-id', keyId)!;
    await fireEvent.click(within(row).getByTestId('trusted-revoke'));
    expect(callsOf(backend, 'revoke_key')).toHaveLength(0);
    await fireEvent.click(within(row).getByTestId('trusted-revoke-confirm'));
    await waitFor(() => expect(one('trusted-row', 'key-id', keyId)).toHaveAttribute('data-revoked', 'true'));
    expect(callsOf(backend, 'revoke_key')).toEqual([{ keyId }]);
    expect(within(one('trusted-row', 'key-id', keyId)!).queryByTestId('trusted-revoke')).toBeNull();
  });
});

describe('export', () => {
  it('refuses to export without an office key', async () => {
    const backend = await page();
    await fireEvent.click(screen.getByTestId('sync-export'));
    expect(await screen.findByTestId('sync-error')).toHaveAttribute('data-code', 'sync.no_office_key');
    expect(screen.queryByTestId('sync-export-result')).toBeNull();
    expect(backend.sync.sent).toHaveLength(0);
  });

  it('exports the changes, then everything, and lists each bundle sent by its number', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.sync.createOfficeKey();
    await page(backend);
    await fireEvent.click(screen.getByTestId('sync-export'));
    let result = await screen.findByTestId('sync-export-result');
    expect(result).toHaveAttribute('data-sequence', '1');
    expect(result).toHaveAttribute('data-records', '57');
    expect(result).toHaveTextContent('Bundle number 1 saved as');
    expect(one('sent-row', 'sequence', '1')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('sync-export-all'));
    await waitFor(() => expect(screen.getByTestId('sync-export-result')).toHaveAttribute('data-sequence', '2'));
    result = screen.getByTestId('sync-export-result');
    expect(result).toHaveAttribute('data-records', '57');
    expect(screen.getAllByTestId('sent-row').map((r) => r.dataset.sequence)).toEqual(['2', '1']);
    expect(callsOf(backend, 'export_bundle')).toEqual([{ everything: false }, { everything: true }]);
  });
});

describe('import', () => {
  it('previews a bundle (counts in words, each record’s outcome), then applies it', async () => {
    const backend = await page();
    const receivedBefore = screen.getAllByTestId('received-row').length;
    await fireEvent.click(screen.getByTestId('sync-import'));

    const preview = await screen.findByTestId('bundle-preview');
    expect(preview.dataset.previewId).toBeTruthy();
    const counts = screen.getByTestId('bundle-preview-counts');
    expect(counts.dataset).toMatchObject({ new: '2', updated: '1', unchanged: '1', conflicts: '1', rejected: '1' });
    expect(counts).toHaveTextContent('New: 2');
    expect(counts).toHaveTextContent('Conflicts to resolve: 1');
    expect(counts).toHaveTextContent('Rejected: 1');
    expect(screen.getByTestId('bundle-preview-note')).toHaveAttribute('data-kind', 'gap');
    const rows = screen.getAllByTestId('bundle-preview-row');
    expect(rows.map((r) => r.dataset.outcome)).toEqual(['new', 'new', 'updated', 'unchanged', 'conflict', 'rejected']);
    const rejected = one('bundle-preview-row', 'id', 'act-k-9')!;
    expect(rejected).toHaveAttribute('data-table', 'meeting_action');
    expect(rejected).toHaveTextContent('Meeting action');
    expect(rejected).toHaveTextContent('has not arrived yet');
    // Nothing is written before "Apply".
    expect(backend.sync.received).toHaveLength(receivedBefore);

    await fireEvent.click(screen.getByTestId('bundle-apply'));
    const result = await screen.findByTestId('bundle-result');
    expect(result.dataset).toMatchObject({ new: '2', updated: '1', conflicts: '1', rejected: '1' });
    expect(result).toHaveTextContent('lode-kalima-2026-11-20.lodebundle was applied.');
    expect(screen.queryByTestId('bundle-preview')).toBeNull();
    expect(callsOf(backend, 'bundle_apply')).toEqual([{ previewId: preview.dataset.previewId }]);
    // The bundle is listed as received, to be reviewed, and its conflict is waiting.
    await waitFor(() => expect(screen.getAllByTestId('received-row')).toHaveLength(receivedBefore + 1));
    expect(screen.getAllByTestId('received-row')[0]).toHaveAttribute('data-review-state', 'received');
    expect(screen.getAllByTestId('conflict-row')).toHaveLength(2);
  });

  it('cancels a preview without writing anything', async () => {
    const backend = await page();
    await fireEvent.click(screen.getByTestId('sync-import'));
    const preview = await screen.findByTestId('bundle-preview');
    await fireEvent.click(screen.getByTestId('bundle-cancel'));
    await waitFor(() => expect(screen.queryByTestId('bundle-preview')).toBeNull());
    expect(callsOf(backend, 'bundle_cancel')).toEqual([{ previewId: preview.dataset.previewId }]);
    expect(callsOf(backend, 'bundle_apply')).toHaveLength(0);
  });

  it('shows a refused bundle’s code and its message, which names the file', async () => {
    const backend = fakeBackend({ scenario: 'demo', bundleFile: 'refused' });
    await page(backend);
    await fireEvent.click(screen.getByTestId('sync-import'));
    const error = await screen.findByTestId('sync-error');
    expect(error).toHaveAttribute('data-code', 'bundle.unknown_key');
    expect(error).toHaveTextContent('lode-kalima-2026-11-20.lodebundle');
    expect(document.activeElement).toBe(error);
    expect(screen.queryByTestId('bundle-preview')).toBeNull();
  });
});

describe('conflicts', () => {
  it('shows both versions side by side and keeps the incoming one', async () => {
    const backend = await page();
    const row = one('conflict-row', 'id', '1')!;
    expect(row).toHaveAttribute('data-table', 'site');
    await fireEvent.click(within(row).getByTestId('conflict-open'));

    const detail = await screen.findByTestId('conflict-detail');
    expect(detail).toHaveAttribute('data-id', '1');
    const source = within(detail).getByTestId('conflict-source');
    expect(source).toHaveTextContent('National Directorate of Mines');
    expect(source).toHaveTextContent('Paul Kasongo');
    expect(source).toHaveTextContent('2026');
    const fields = within(detail).getAllByTestId('conflict-field');
    expect(fields.map((f) => f.dataset.column)).toEqual(['name', 'miners_female', 'legal_status', 'notes']);
    const name = fields[0];
    expect(within(name).getByTestId('conflict-local')).toHaveTextContent('Kalima North');
    expect(within(name).getByTestId('conflict-incoming')).toHaveTextContent('Kalima Nord');
    expect(fields[1]).toHaveTextContent('Miners female');
    expect(within(fields[3]).getByTestId('conflict-incoming')).toHaveTextContent('(empty)');
    expect(field('conflict-choice-name-local').checked).toBe(true);

    await fireEvent.click(within(detail).getByTestId('conflict-keep-incoming'));
    await waitFor(() => expect(screen.queryByTestId('conflict-row')).toBeNull());
    expect(callsOf(backend, 'resolve_conflict')).toEqual([{ id: 1, resolution: { keep: 'incoming' } }]);
    expect(screen.queryByTestId('conflict-detail')).toBeNull();
    expect(store.syncConflicts).toBe(0);
  });

  it('merges, taking each column from the side its radio names', async () => {
    const backend = await page();
    await fireEvent.click(await screen.findByTestId('conflict-open'));
    await screen.findByTestId('conflict-detail');
    await fireEvent.click(field('conflict-choice-name-incoming'));
    await fireEvent.click(field('conflict-choice-legal_status-incoming'));
    // Changing one's mind counts: miners_female back to this office's value.
    await fireEvent.click(field('conflict-choice-miners_female-incoming'));
    await fireEvent.click(field('conflict-choice-miners_female-local'));
    await fireEvent.click(screen.getByTestId('conflict-merge'));

    await waitFor(() => expect(callsOf(backend, 'resolve_conflict')).toHaveLength(1));
    expect(callsOf(backend, 'resolve_conflict')[0]).toEqual({
      id: 1,
      resolution: { keep: 'merge', fields: { name: 'incoming', miners_female: 'local', legal_status: 'incoming', notes: 'local' } },
    });
    await waitFor(() => expect(screen.queryByTestId('conflict-row')).toBeNull());
  });
});

describe('received bundles', () => {
  it('asks for a comment when a bundle has issues, next to the field, then saves the review', async () => {
    const backend = await page();
    const bundleId = backend.sync.received[0].bundleId;
    await fireEvent.click(within(one('received-row', 'bundle-id', bundleId)!).getByTestId('received-review'));
    const form = await screen.findByTestId('received-review-form');
    await fireEvent.change(field('received-review-state'), { target: { value: 'has_issues' } });
    await type('received-review-comment', '   ');
    await fireEvent.click(within(form).getByTestId('received-review-save'));

    const message = await waitFor(() => {
      const el = document.getElementById('received-review-comment-error');
      if (!el) throw new Error('no field error yet');
      return el;
    });
    expect(message).toHaveTextContent('Enter a value.');
    expect(field('received-review-comment')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('error-summary')).toBeInTheDocument();
    expect(screen.queryByTestId('sync-error')).toBeNull();
    expect(one('received-row', 'bundle-id', bundleId)).toHaveAttribute('data-review-state', 'accepted');

    await type('received-review-comment', 'Site coordinates in Kalima are swapped');
    await fireEvent.click(within(form).getByTestId('received-review-save'));
    await waitFor(() => expect(one('received-row', 'bundle-id', bundleId)).toHaveAttribute('data-review-state', 'has_issues'));
    expect(callsOf(backend, 'review_bundle').at(-1)).toEqual({ bundleId, state: 'has_issues', comment: 'Site coordinates in Kalima are swapped' });
    expect(screen.queryByTestId('received-review-form')).toBeNull();
  });
});

describe('top bar', () => {
  it('says when this office last sent and received a bundle, and follows an export', async () => {
    fakeBackend({ scenario: 'demo' });
    render(App);
    const status = await screen.findByTestId('topbar-sync');
    await waitFor(() => expect(status).toHaveTextContent(/Received/));
    expect(status).not.toHaveTextContent(/Sent/);
    await fireEvent.click(screen.getByTestId('nav-sync'));
    await fireEvent.click(await screen.findByTestId('sync-key-create'));
    await screen.findByTestId('sync-key-fingerprint');
    await fireEvent.click(screen.getByTestId('sync-export'));
    await waitFor(() => expect(screen.getByTestId('topbar-sync')).toHaveTextContent(/Sent .* · Received/));
  });
});
