import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { api, toUiError } from '../lib/api';

afterEach(() => clearMocks());

describe('api error normalisation', () => {
  it('passes a UiError from Rust through unchanged', async () => {
    const error = { code: 'validation', message: 'Fix it', record: null, fields: [{ field: 'name', code: 'required', message: 'Enter a name' }] };
    mockIPC(() => {
      throw error;
    });
    await expect(api.createWorkspace('', 'x')).rejects.toEqual(error);
  });

  it('turns anything else into an internal UiError with a message', async () => {
    mockIPC(() => {
      throw 'command get_home not found';
    });
    const rejected = await api.getHome('w').catch((e: unknown) => e);
    expect(rejected).toMatchObject({ code: 'internal', fields: [] });
    expect((rejected as { message: string }).message).toContain('command get_home not found');
  });

  it('fills in missing fields of a partial error', () => {
    expect(toUiError({ code: 'store.io', message: 'Disk full' })).toEqual({ code: 'store.io', message: 'Disk full', record: null, fields: [] });
    expect(toUiError(new Error('boom'))).toMatchObject({ code: 'internal' });
  });

  it('sends the argument names of the contract', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    await api.setChecklistItem('w1', '1.1', 'mandate', true, '2026-11-28', 'n');
    await api.saveNoteDraft('w1', '1.2', 'draft');
    expect(seen).toEqual([
      ['set_checklist_item', { workspaceId: 'w1', step: '1.1', key: 'mandate', ticked: true, date: '2026-11-28', note: 'n' }],
      ['save_note_draft', { workspaceId: 'w1', step: '1.2', text: 'draft' }],
    ]);
  });

  it('sends the argument names of the Phase 1 contract', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    const query = { text: '', commodity: 'gold', depositType: '', mechanisation: '', legalStatus: '', sort: 'name' as const, descending: true, offset: 100, limit: 100 };
    await api.saveRecord('w1', 'partner', null, {
      organisation: 'EU', partnerType: 'donor', programme: '', commodity: '', geography: '', theme: '', roles: ['finance'],
      funds: 5, currency: 'EUR', startOn: null, endOn: null, agreementStatus: 'planned',
    });
    await api.deleteRecord('w1', 'site', 's1');
    await api.listSites('w1', query);
    await api.importOpen('w1', 'site');
    await api.importRemap('i1', { name: 'Site', commodity: null });
    await api.importCommit('i1');
    await api.importCancel('i1');
    expect(seen).toEqual([
      ['save_record', { workspaceId: 'w1', kind: 'partner', id: null, fields: expect.objectContaining({ funds: 5, roles: ['finance'], startOn: null }) }],
      ['delete_record', { workspaceId: 'w1', kind: 'site', id: 's1' }],
      ['list_sites', { workspaceId: 'w1', query }],
      ['import_open', { workspaceId: 'w1', kind: 'site' }],
      ['import_remap', { importId: 'i1', mapping: { name: 'Site', commodity: null } }],
      ['import_commit', { importId: 'i1' }],
      ['import_cancel', { importId: 'i1' }],
    ]);
  });
});
