// The Sync half of the fake backend (see fakeBackend.ts): the office key, the trust list, bundles
// sent and received, and the open conflicts, kept in memory. The real rules live in Rust
// (crates/lode-store/src/sync); this does just enough for the component tests and the preview.
// The "native dialogs" answer with a canned bundle, nothing (cancel), a refused file or a sealed
// one (which asks for this office's sealing passphrase).
import type {
  Acknowledged,
  ApplyResult,
  BundlePreview,
  ConflictResolution,
  ExportResult,
  KeyInfo,
  Lang,
  PlannedRecord,
  ReceivedBundle,
  ReviewState,
  SealedBundle,
  SealTo,
  SentBundle,
  SyncConflict,
  SyncCounts,
  SyncView,
  TrustedKey,
  UiError,
} from '../lib/api';
import { fieldMessage, message, uiError } from './fakePhase1';

export type BundleFile = 'canned' | 'cancel' | 'refused' | 'sealed';

const REVIEW_STATES = ['received', 'accepted', 'has_issues', 'rejected'];
const CANNED_FILE = 'lode-kalima-2026-11-20.lodebundle';
const CANNED_OFFICE = 'Kalima district mining office';
const CANNED_ORIGIN = 'office-kalima';
const CANNED_SEQUENCE = 3;
/** The key the refused bundle is signed with: not in the trust list. */
const UNKNOWN_KEY = 'c7d1e09a44b2f316';

/** Not a hash, only stable and well spread: enough for a fake key id and fingerprint. */
function digest(hex: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (const c of `${round}:${hex}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function keyInfo(publicKey: string): KeyInfo {
  const fp = digest(publicKey, 32).toUpperCase();
  return { keyId: digest(publicKey, 16), fingerprint: fp.match(/.{4}/g)!.join(' '), publicKey };
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** A valid-looking age recipient (`age1` and 58 bech32 characters) made from a seed. */
export function fakeRecipient(seed: string): string {
  const hex = digest(`recipient:${seed}`, 58);
  return `age1${[...hex].map((c, i) => BECH32[(parseInt(c, 16) + i * 7) % 32]).join('')}`;
}

const MIN_PASSPHRASE_CHARS = 10;

/** A valid-looking public key (64 hex digits) made from a seed. */
export function fakePublicKey(seed: string): string {
  return digest(`public:${seed}`, 64);
}

function counts(records: PlannedRecord[]): SyncCounts {
  const n = (o: string) => records.filter((r) => r.outcome === o).length;
  return { new: n('new'), updated: n('updated'), unchanged: n('unchanged'), conflicts: n('conflict'), rejected: n('rejected') };
}

export class Sync {
  officeKey: KeyInfo | null = null;
  trusted: TrustedKey[] = [];
  sent: SentBundle[] = [];
  received: ReceivedBundle[] = [];
  conflicts: SyncConflict[] = [];
  /** This office's sealing recipient, when it has a sealing key. */
  sealingRecipient: string | null = null;
  sealTo: SealTo | null = null;
  acknowledged: Acknowledged | null = null;
  /** What the next "native dialog" gives: set it from a test to cancel, refuse or seal. */
  bundleFile: BundleFile;
  /** Only a digest of the passphrase, to play Rust's check; Rust keeps the key encrypted with it. */
  private passphraseDigest: string | null = null;
  /** Sealed files waiting for the passphrase, by pending id. */
  private sealed = new Set<string>();
  private previews = new Map<string, { preview: BundlePreview; replay: boolean }>();
  private seq = 0;
  private conflictSeq = 0;

  constructor(
    private now: () => number,
    private lang: () => Lang,
    private officer: () => string,
    bundleFile: BundleFile = 'canned',
  ) {
    this.bundleFile = bundleFile;
  }

  /** The demo: one trusted office, one bundle received from it, and one conflict still open. */
  seed(): void {
    const national = keyInfo(fakePublicKey('national'));
    this.trusted.push({ ...national, officeName: 'National Directorate of Mines', trustedAt: Date.UTC(2026, 8, 1, 10), revokedAt: null });
    this.received.push({
      bundleId: 'b-national-1',
      kind: 'national_reference',
      originOffice: 'office-national',
      officeName: 'National Directorate of Mines',
      sequence: 1,
      fileName: 'lode-national-2026-10-01.lodebundle',
      receivedAt: Date.UTC(2026, 9, 3, 8, 15),
      receivedBy: 'Amina Diallo',
      counts: { new: 24, updated: 0, unchanged: 0, conflicts: 1, rejected: 0 },
      sequenceNote: '',
      reviewState: 'accepted',
      reviewComment: '',
    });
    this.addConflict('b-national-1', 'National Directorate of Mines', 'Paul Kasongo', Date.UTC(2026, 9, 1, 14, 40));
    // The national office's reference package said where to seal this office's bundles.
    this.sealTo = { officeName: 'National Directorate of Mines', recipient: fakeRecipient('national'), setAt: Date.UTC(2026, 9, 3, 8, 15), fromBundle: 'b-national-1' };
  }

  view(): SyncView {
    const sealing = { recipient: this.sealingRecipient, sealTo: this.sealTo, minPassphraseChars: MIN_PASSPHRASE_CHARS };
    return JSON.parse(
      JSON.stringify({
        officeKey: this.officeKey,
        trusted: this.trusted,
        sent: this.sent,
        received: this.received,
        conflicts: this.conflicts,
        sealing,
        acknowledged: this.acknowledged,
      }),
    ) as SyncView;
  }

  createSealingKey(passphrase: string): string {
    if (this.sealingRecipient) throw uiError(this.lang(), 'sync.sealing_key_exists', 'sync.sealing_key_exists');
    if ([...passphrase].length < MIN_PASSPHRASE_CHARS) throw uiError(this.lang(), 'sync.weak_passphrase', 'sync.weak_passphrase');
    this.passphraseDigest = digest(passphrase, 32);
    this.sealingRecipient = fakeRecipient(`office-${this.now()}`);
    return this.sealingRecipient;
  }

  setSealTo(officeName: string, recipient: string): SealTo {
    const bad = (detail: string) => uiError(this.lang(), 'bundle.bad_key', 'bundle.bad_key', { detail });
    const to = recipient.trim();
    if (!/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/.test(to)) throw bad(`not an age recipient: ${to}`);
    if (!officeName.trim()) throw bad('the office’s name is empty');
    this.sealTo = { officeName: officeName.trim(), recipient: to, setAt: this.now(), fromBundle: null };
    return { ...this.sealTo };
  }

  createOfficeKey(): SyncView {
    if (this.officeKey) throw uiError(this.lang(), 'sync.office_key_exists', 'sync.office_key_exists');
    this.officeKey = keyInfo(fakePublicKey(`office-${this.now()}`));
    return this.view();
  }

  trustKey(officeName: string, publicKey: string): SyncView {
    const hex = publicKey.replace(/\s+/g, '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw uiError(this.lang(), 'sync.bad_public_key', 'sync.bad_public_key');
    const info = keyInfo(hex);
    const existing = this.trusted.find((k) => k.keyId === info.keyId);
    if (existing?.revokedAt) throw uiError(this.lang(), 'sync.key_revoked', 'sync.key_revoked', { key: info.keyId }, info.keyId);
    if (existing) return this.view();
    if (!officeName.trim()) throw uiError(this.lang(), 'sync.bad_public_key', 'sync.bad_public_key');
    this.trusted.push({ ...info, officeName: officeName.trim(), trustedAt: this.now(), revokedAt: null });
    this.trusted.sort((a, b) => a.officeName.localeCompare(b.officeName) || a.keyId.localeCompare(b.keyId));
    return this.view();
  }

  revokeKey(keyId: string): SyncView {
    const key = this.trusted.find((k) => k.keyId === keyId && k.revokedAt === null);
    if (!key) throw this.notFound('what.trusted_key', keyId);
    key.revokedAt = this.now();
    return this.view();
  }

  exportBundle(everything: boolean, reference: boolean, seal: boolean): ExportResult | null {
    if (!this.officeKey) throw uiError(this.lang(), 'sync.no_office_key', 'sync.no_office_key');
    if (seal && !this.sealTo) throw uiError(this.lang(), 'sync.no_seal_to', 'sync.no_seal_to');
    if (this.bundleFile === 'cancel') return null;
    const sequence = (this.sent[0]?.sequence ?? 0) + 1;
    // A reference package, "everything", or a bundle when nothing is acknowledged yet carries
    // all records; otherwise only the changes after what the national office acknowledged.
    const records = reference ? 24 : everything || !this.acknowledged ? 57 : 4;
    const kind = reference ? 'national_reference' : 'district_submission';
    this.sent.unshift({ sequence, bundleId: `b-sent-${sequence}`, kind, createdAt: this.now(), records });
    const fileName = `lode-${reference ? 'reference-' : ''}2026-11-28-${sequence}.lodebundle`;
    return { fileName, kind, sequence, records, sealedFor: seal ? this.sealTo!.officeName : null };
  }

  bundleOpen(): BundlePreview | SealedBundle | null {
    const lang = this.lang();
    if (this.bundleFile === 'cancel') return null;
    if (this.bundleFile === 'refused') throw uiError(lang, 'bundle.unknown_key', 'bundle.unknown_key', { file: CANNED_FILE, key: UNKNOWN_KEY });
    if (this.bundleFile === 'sealed') {
      const pendingId = `sealed-${++this.seq}`;
      this.sealed.add(pendingId);
      return { needsPassphrase: true, pendingId, fileName: CANNED_FILE };
    }
    return this.preview();
  }

  bundleUnlock(pendingId: string, passphrase: string): BundlePreview {
    const lang = this.lang();
    if (!this.sealed.has(pendingId)) throw this.notFound('what.bundle_received', pendingId);
    if (!this.passphraseDigest) {
      this.sealed.delete(pendingId);
      throw uiError(lang, 'sync.no_sealing_key', 'sync.no_sealing_key');
    }
    // A wrong passphrase keeps the file waiting, to try again.
    if (digest(passphrase, 32) !== this.passphraseDigest) throw uiError(lang, 'bundle.wrong_passphrase', 'bundle.wrong_passphrase');
    this.sealed.delete(pendingId);
    return this.preview();
  }

  private preview(): BundlePreview {
    // A bundle already received changes nothing the second time; the note says it is a replay.
    const lastFromOffice = Math.max(0, ...this.received.filter((b) => b.originOffice === CANNED_ORIGIN).map((b) => b.sequence));
    const expected = lastFromOffice + 1;
    const replay = lastFromOffice >= CANNED_SEQUENCE;
    const planned: PlannedRecord[] = [
      { table: 'site', id: 'site-k-101', outcome: 'new', reason: '', localVersion: null, incomingVersion: 1 },
      { table: 'site', id: 'site-k-102', outcome: 'new', reason: '', localVersion: null, incomingVersion: 1 },
      { table: 'stakeholder', id: 'stk-k-7', outcome: 'updated', reason: '', localVersion: 2, incomingVersion: 3 },
      { table: 'consultation_event', id: 'evt-k-3', outcome: 'unchanged', reason: '', localVersion: 4, incomingVersion: 4 },
      { table: 'site', id: 'site-k-55', outcome: 'conflict', reason: '', localVersion: 3, incomingVersion: 3 },
      { table: 'meeting_action', id: 'act-k-9', outcome: 'rejected', reason: 'missing_parent', localVersion: null, incomingVersion: 2 },
    ];
    const records = replay
      ? planned.map((r) => (r.outcome === 'rejected' ? r : { ...r, outcome: 'unchanged' as const, localVersion: r.incomingVersion }))
      : planned;
    const previewId = `bundle-preview-${++this.seq}`;
    const preview: BundlePreview = {
      previewId,
      fileName: CANNED_FILE,
      kind: 'district_submission',
      officeName: CANNED_OFFICE,
      exportedBy: 'Joseph Mbeki',
      sequence: CANNED_SEQUENCE,
      createdAt: Date.UTC(2026, 10, 20, 16, 5),
      sequenceNote: expected === CANNED_SEQUENCE ? null : { kind: replay ? 'replay' : 'gap', expected, found: CANNED_SEQUENCE },
      counts: counts(records),
      totalRecords: records.length,
      records,
    };
    this.previews.set(previewId, { preview, replay });
    return JSON.parse(JSON.stringify(preview)) as BundlePreview;
  }

  bundleApply(previewId: string): ApplyResult {
    const open = this.previews.get(previewId);
    if (!open) throw this.notFound('what.bundle_received', previewId);
    this.previews.delete(previewId);
    const { preview, replay } = open;
    if (!replay) {
      const note = preview.sequenceNote;
      this.received.unshift({
        bundleId: `b-kalima-${preview.sequence}`,
        kind: preview.kind,
        originOffice: CANNED_ORIGIN,
        officeName: preview.officeName,
        sequence: preview.sequence,
        fileName: preview.fileName,
        receivedAt: this.now(),
        receivedBy: this.officer(),
        counts: { ...preview.counts },
        sequenceNote: note ? `${note.kind}:${note.expected}:${note.found}` : '',
        reviewState: 'received',
        reviewComment: '',
      });
      for (const r of preview.records.filter((x) => x.outcome === 'conflict')) {
        this.addConflict(`b-kalima-${preview.sequence}`, preview.officeName, preview.exportedBy, preview.createdAt, r.id);
      }
    }
    return { fileName: preview.fileName, counts: { ...preview.counts } };
  }

  bundleCancel(previewId: string): null {
    this.previews.delete(previewId);
    this.sealed.delete(previewId);
    return null;
  }

  /** Sealed files still waiting for their passphrase. */
  get pendingSealed(): number {
    return this.sealed.size;
  }

  resolveConflict(id: number, resolution: ConflictResolution): SyncView {
    const conflict = this.conflicts.find((c) => c.id === id);
    if (!conflict) throw this.notFound('what.sync_conflict', String(id));
    const bad = () => uiError(this.lang(), 'record.unknown_kind', 'record.unknown_kind', { kind: JSON.stringify(resolution) });
    if (resolution.keep === 'merge') {
      const fields = resolution.fields ?? {};
      for (const [column, side] of Object.entries(fields)) {
        if (!(column in conflict.local) || (side !== 'local' && side !== 'incoming')) throw bad();
      }
    } else if (resolution.keep !== 'local' && resolution.keep !== 'incoming') {
      throw bad();
    }
    this.conflicts = this.conflicts.filter((c) => c.id !== id);
    return this.view();
  }

  reviewBundle(bundleId: string, state: string, comment: string): SyncView {
    const lang = this.lang();
    const errors: { field: string; code: string }[] = [];
    if (!REVIEW_STATES.includes(state)) errors.push({ field: 'reviewState', code: 'invalid_choice' });
    if ((state === 'has_issues' || state === 'rejected') && !comment.trim()) errors.push({ field: 'reviewComment', code: 'required' });
    if (errors.length > 0) {
      throw {
        code: 'validation',
        message: message(lang, 'validation'),
        record: null,
        fields: errors.map((e) => ({ ...e, message: fieldMessage(lang, e.field, e.code) })),
      } satisfies UiError;
    }
    const bundle = this.received.find((b) => b.bundleId === bundleId);
    if (!bundle) throw this.notFound('what.bundle_received', bundleId);
    bundle.reviewState = state as ReviewState;
    bundle.reviewComment = comment.trim();
    return this.view();
  }

  private notFound(what: string, id: string): UiError {
    const lang = this.lang();
    return uiError(lang, 'store.not_found', 'store.not_found', { what: message(lang, what).toLowerCase() }, id);
  }

  /** A site changed here and at the other office since they last exchanged it. */
  private addConflict(bundleId: string, officeName: string, officer: string, changedAt: number, recordId = 'site-12'): void {
    const base = { id: recordId, origin_office: 'office-1', created_at: Date.UTC(2026, 8, 20), deleted: 0 };
    this.conflicts.push({
      id: ++this.conflictSeq,
      table: 'site',
      recordId,
      bundleId,
      officeName,
      officer,
      changedAt,
      baseVersion: 2,
      local: { ...base, name: 'Kalima North', miners_female: 42, miners_male: 118, legal_status: 'informal', notes: 'Visited in October', version: 3, updated_at: Date.UTC(2026, 9, 12) },
      incoming: { ...base, name: 'Kalima Nord', miners_female: 45, miners_male: 118, legal_status: 'licensed', notes: null, version: 3, updated_at: changedAt },
      differing: ['name', 'miners_female', 'legal_status', 'notes'],
    });
  }
}
