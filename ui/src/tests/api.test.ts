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
});
