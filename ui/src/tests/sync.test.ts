// The Sync page (keys, trust, bundles out and in, received bundles, conflicts) over the fake
// backend, which stands in for Rust's rules (crates/lode-store/src/sync).
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import SyncPage from '../components/sync/SyncPage.svelte';
import { fakePublicKey, fakeRecipient, keyInfo } from '../dev/fakeSync';
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
/** The Sync page of a national office (the installation is read, as the app does at start). */
async function nationalPage(prepare: (backend: Backend) => void = () => {}): Promise<Backend> {
  const backend = fakeBackend({ scenario: 'demo' });
  backend.installation!.office = { ...backend.installation!.office, name: 'National Directorate of Mines', level: 'national', parentName: null };
  backend.sync.sealTo = null;
  prepare(backend);
  await store.start();
  return page(backend);
}
/** The Sync page of the demo's provincial office, its installation read. */
async function provincePage(prepare: (backend: Backend) => void = () => {}): Promise<Backend> {
  const backend = fakeBackend({ scenario: 'demo' });
  prepare(backend);
  await store.start();
  return page(backend);
}
const PASSPHRASE = 'grey heron at Kalima dawn';

describe('sync page', () => {
  it('opens from the sidebar, with a badge counting open conflicts', async () => {
    fakeBackend({ scenario: 'demo' });
    render(App);
    const badge = await screen.findByTestId('nav-sync-conflicts');
    expect(badge).toHaveAttribute('data-count', '1');
    await fireEvent.click(screen.getByTestId('nav-sync'));
    expect(await screen.findByTestId('sync-page')).toBeInTheDocument();
    expect(screen.getByTestId('nav-sync')).toHaveAttribute('aria-current', 'page');
    for (const name of ['key', 'trusted', 'sealing', 'export', 'import', 'received', 'conflicts']) {
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

    await fireEvent.click(screen.getByTestId('export-everything'));
    await fireEvent.click(screen.getByTestId('sync-export'));
    await waitFor(() => expect(screen.getByTestId('sync-export-result')).toHaveAttribute('data-sequence', '2'));
    result = screen.getByTestId('sync-export-result');
    expect(result).toHaveAttribute('data-records', '57');
    expect(screen.getAllByTestId('sent-row').map((r) => r.dataset.sequence)).toEqual(['2', '1']);
    expect(callsOf(backend, 'export_bundle')).toEqual([
      { everything: false, reference: false, seal: true },
      { everything: true, reference: false, seal: true },
    ]);
  });

  it('says from where the changes start: after the bundle the national office acknowledged, or everything', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.sync.createOfficeKey();
    await page(backend);
    expect(screen.getByTestId('export-changes')).toBeChecked();
    expect(screen.getByTestId('export-acknowledged')).toHaveTextContent('Nothing is acknowledged yet: everything is sent.');
    cleanup();

    backend.sync.acknowledged = { sequence: 4, through: Date.UTC(2026, 10, 1), bundleId: 'b-national-2', receivedAt: Date.UTC(2026, 10, 3, 9) };
    await page(backend);
    const ack = screen.getByTestId('export-acknowledged');
    expect(ack).toHaveAttribute('data-sequence', '4');
    expect(ack).toHaveTextContent(/The changes after bundle 4, acknowledged on .*2026/);
    await fireEvent.click(screen.getByTestId('sync-export'));
    expect(await screen.findByTestId('sync-export-result')).toHaveAttribute('data-records', '4');
  });

  it('seals for the office it knows by default, and can send a bundle unsealed', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.sync.createOfficeKey();
    await page(backend);
    const seal = screen.getByTestId('export-seal') as HTMLInputElement;
    expect(seal).toBeChecked();
    expect(seal).toBeEnabled();
    expect(document.querySelector('label[for="export-seal"]')).toHaveTextContent('Seal for National Directorate of Mines');
    await fireEvent.click(screen.getByTestId('sync-export'));
    const result = await screen.findByTestId('sync-export-result');
    expect(result).toHaveAttribute('data-sealed-for', 'National Directorate of Mines');
    expect(result).toHaveTextContent('Sealed for National Directorate of Mines.');

    await fireEvent.click(seal);
    expect(seal).not.toBeChecked();
    await fireEvent.click(screen.getByTestId('sync-export'));
    await waitFor(() => expect(screen.getByTestId('sync-export-result')).toHaveAttribute('data-sequence', '2'));
    expect(screen.getByTestId('sync-export-result')).toHaveAttribute('data-sealed-for', '');
    expect(callsOf(backend, 'export_bundle').map((a) => a.seal)).toEqual([true, false]);
  });

  it('cannot seal without an office to seal for, and says how to name one', async () => {
    const backend = fakeBackend({ scenario: 'demo' });
    backend.sync.createOfficeKey();
    backend.sync.sealTo = null;
    await page(backend);
    const seal = screen.getByTestId('export-seal');
    expect(seal).toBeDisabled();
    expect(seal).not.toBeChecked();
    expect(screen.getByTestId('export-seal-hint')).toHaveTextContent('No office to seal for is known yet');
    await fireEvent.click(screen.getByTestId('sync-export'));
    await screen.findByTestId('sync-export-result');
    expect(callsOf(backend, 'export_bundle')).toEqual([{ everything: false, reference: false, seal: false }]);
  });

  it('offers a reference package to a national office only, always complete', async () => {
    await provincePage((b) => b.sync.createOfficeKey());
    expect(screen.queryByTestId('export-reference')).toBeNull();
    cleanup();

    const backend = await nationalPage((b) => b.sync.createOfficeKey());
    // A national office exports a reference package unless the officer unticks it.
    expect(screen.getByTestId('export-reference')).toBeChecked();
    await fireEvent.click(screen.getByTestId('export-reference'));
    expect(screen.getByTestId('export-scope')).not.toBeDisabled();
    expect(screen.getByTestId('sync-export')).not.toHaveTextContent('Export the reference package');
    await fireEvent.click(screen.getByTestId('export-reference'));
    expect(screen.getByTestId('export-scope')).toBeDisabled();
    expect(screen.getByTestId('sync-export')).toHaveTextContent('Export the reference package');
    await fireEvent.click(screen.getByTestId('sync-export'));
    const result = await screen.findByTestId('sync-export-result');
    expect(result).toHaveAttribute('data-kind', 'national_reference');
    expect(result).toHaveTextContent('Reference package number 1 saved as');
    expect(callsOf(backend, 'export_bundle')).toEqual([{ everything: false, reference: true, seal: false }]);
    expect(one('sent-row', 'sequence', '1')).toHaveTextContent('National reference data');
  });
});

describe('sealing', () => {
  it('creates a national office’s sealing key from a passphrase typed twice, and shows its recipient', async () => {
    const backend = await nationalPage();
    expect(screen.queryByTestId('seal-recipient')).toBeNull();
    const passphrase = screen.getByTestId('seal-create-passphrase');
    expect(passphrase).toHaveAttribute('type', 'password');
    expect(screen.getByTestId('seal-create-confirm')).toHaveAttribute('type', 'password');
    expect(passphrase).toBeVisible();
    expect(document.getElementById('seal-create-passphrase-hint')).toHaveTextContent('At least 10 characters');
    expect(screen.getByTestId('seal-create-form')).toHaveTextContent('The passphrase is never stored');

    // Too short, then two different passphrases: said at the field, nothing sent.
    await type('seal-create-passphrase', 'short');
    await type('seal-create-confirm', 'short');
    await fireEvent.click(screen.getByTestId('seal-create'));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('at least 10 characters');
    expect(document.getElementById('seal-create-passphrase-error')).toHaveTextContent('at least 10 characters');
    await type('seal-create-passphrase', PASSPHRASE);
    await type('seal-create-confirm', `${PASSPHRASE}!`);
    await fireEvent.click(screen.getByTestId('seal-create'));
    await waitFor(() => expect(document.getElementById('seal-create-confirm-error')).toHaveTextContent('The two passphrases differ'));
    expect(callsOf(backend, 'create_sealing_key')).toHaveLength(0);

    await type('seal-create-passphrase', PASSPHRASE);
    await type('seal-create-confirm', PASSPHRASE);
    await fireEvent.click(screen.getByTestId('seal-create'));
    const recipient = await screen.findByTestId('seal-recipient');
    expect(recipient).toHaveValue(backend.sync.sealingRecipient);
    expect((recipient as HTMLInputElement).value).toMatch(/^age1[a-z0-9]{58}$/);
    expect(recipient).toHaveAttribute('readonly');
    expect(screen.getByTestId('seal-recipient-copy')).toBeInTheDocument();
    expect(screen.getByText(/District offices seal their bundles to this recipient/)).toBeInTheDocument();
    expect(callsOf(backend, 'create_sealing_key')).toEqual([{ passphrase: PASSPHRASE }]);
    expect(screen.queryByTestId('seal-create-passphrase')).toBeNull();
    expect(document.body.innerHTML).not.toContain(PASSPHRASE);
  });

  it('folds the key form away at a district office and shows the office its reference package named', async () => {
    await provincePage();
    expect(screen.getByTestId('seal-create-passphrase')).not.toBeVisible();
    const to = screen.getByTestId('seal-to');
    expect(to).toHaveAttribute('data-from', 'reference');
    expect(to).toHaveTextContent('National Directorate of Mines');
    expect(to).toHaveTextContent(fakeRecipient('national'));
    expect(to).toHaveTextContent('from the reference package received on');
  });

  it('takes the office to seal to as typed by hand, and shows Rust’s refusal of a bad recipient at its field', async () => {
    const backend = await provincePage((b) => (b.sync.sealTo = null));
    expect(screen.getByTestId('seal-to-none')).toHaveTextContent('No office to seal to is known yet');
    await type('seal-to-office', 'National Directorate of Mines');
    await type('seal-to-recipient', 'age1notarecipient');
    await fireEvent.click(screen.getByTestId('seal-to-save'));
    await waitFor(() => expect(document.getElementById('seal-to-recipient-error')).toHaveTextContent('A key cannot be read'));
    expect(screen.getByTestId('error-summary')).toBeInTheDocument();
    expect(screen.queryByTestId('sync-error')).toBeNull();

    const recipient = fakeRecipient('national-by-hand');
    await type('seal-to-recipient', recipient);
    await fireEvent.click(screen.getByTestId('seal-to-save'));
    const to = await screen.findByTestId('seal-to');
    expect(to).toHaveAttribute('data-from', 'hand');
    expect(to).toHaveTextContent('entered by hand on');
    expect(to).toHaveTextContent(recipient);
    expect(callsOf(backend, 'set_seal_to').at(-1)).toEqual({ officeName: 'National Directorate of Mines', recipient });
    // The export now seals for it.
    expect(screen.getByTestId('export-seal')).toBeChecked();

    // Changing it starts from what is there.
    await fireEvent.click(screen.getByTestId('seal-to-change'));
    expect(field('seal-to-recipient').value).toBe(recipient);
    await fireEvent.click(screen.getByTestId('seal-to-cancel'));
    expect(screen.getByTestId('seal-to')).toBeInTheDocument();
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

describe('sealed bundles', () => {
  /** The demo, with a sealing key made from PASSPHRASE and a sealed bundle behind the dialog. */
  function sealedBackend(withKey = true): Backend {
    const backend = fakeBackend({ scenario: 'demo', bundleFile: 'sealed' });
    if (withKey) backend.sync.createSealingKey(PASSPHRASE);
    return backend;
  }

  it('asks for the passphrase, lets the officer try again, then previews without choosing the file again', async () => {
    const backend = await page(sealedBackend());
    await fireEvent.click(screen.getByTestId('sync-import'));
    const prompt = await screen.findByTestId('import-sealed');
    expect(prompt).toHaveTextContent('lode-kalima-2026-11-20.lodebundle is sealed');
    const input = screen.getByTestId('import-passphrase');
    expect(input).toHaveAttribute('type', 'password');
    await waitFor(() => expect(document.activeElement).toBe(input));
    const pendingId = prompt.dataset.pendingId;

    await type('import-passphrase', 'not the passphrase');
    await fireEvent.click(screen.getByTestId('import-unlock'));
    await waitFor(() => expect(document.getElementById('import-passphrase-error')).toHaveTextContent('does not unlock'));
    expect(screen.getByTestId('import-passphrase')).toHaveValue('');
    expect(screen.queryByTestId('bundle-preview')).toBeNull();

    // Enter in the field submits the form: the right passphrase opens the preview.
    await type('import-passphrase', PASSPHRASE);
    await fireEvent.submit(screen.getByTestId('import-sealed'));
    const preview = await screen.findByTestId('bundle-preview');
    expect(preview).toHaveTextContent('What lode-kalima-2026-11-20.lodebundle would change');
    expect(screen.queryByTestId('import-sealed')).toBeNull();
    expect(callsOf(backend, 'bundle_open')).toHaveLength(1);
    expect(callsOf(backend, 'bundle_unlock')).toEqual([
      { pendingId, passphrase: 'not the passphrase' },
      { pendingId, passphrase: PASSPHRASE },
    ]);
    expect(document.body.innerHTML).not.toContain(PASSPHRASE);

    await fireEvent.click(screen.getByTestId('bundle-apply'));
    expect(await screen.findByTestId('bundle-result')).toBeInTheDocument();
  });

  it('asks for the passphrase before calling Rust when the field is empty', async () => {
    const backend = await page(sealedBackend());
    await fireEvent.click(screen.getByTestId('sync-import'));
    await screen.findByTestId('import-sealed');
    await fireEvent.click(screen.getByTestId('import-unlock'));
    await waitFor(() => expect(document.getElementById('import-passphrase-error')).toHaveTextContent('Type the passphrase.'));
    expect(callsOf(backend, 'bundle_unlock')).toHaveLength(0);
  });

  it('drops the sealed bundle on Cancel', async () => {
    const backend = await page(sealedBackend());
    await fireEvent.click(screen.getByTestId('sync-import'));
    const prompt = await screen.findByTestId('import-sealed');
    expect(backend.sync.pendingSealed).toBe(1);
    await fireEvent.click(screen.getByTestId('import-passphrase-cancel'));
    await waitFor(() => expect(screen.queryByTestId('import-sealed')).toBeNull());
    expect(callsOf(backend, 'bundle_cancel')).toEqual([{ previewId: prompt.dataset.pendingId }]);
    expect(backend.sync.pendingSealed).toBe(0);
    expect(callsOf(backend, 'bundle_unlock')).toHaveLength(0);
  });

  it('shows a refusal that no passphrase can fix, and drops the prompt', async () => {
    const backend = await page(sealedBackend(false));
    await fireEvent.click(screen.getByTestId('sync-import'));
    await screen.findByTestId('import-sealed');
    await type('import-passphrase', PASSPHRASE);
    await fireEvent.click(screen.getByTestId('import-unlock'));
    expect(await screen.findByTestId('sync-error')).toHaveAttribute('data-code', 'sync.no_sealing_key');
    expect(screen.queryByTestId('import-sealed')).toBeNull();
    expect(backend.sync.pendingSealed).toBe(0);
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
