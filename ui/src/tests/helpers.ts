import { mockIPC } from '@tauri-apps/api/mocks';
import { FakeBackend, type FakeOptions } from '../dev/fakeBackend';

/** Install a fake backend behind invoke(); its `calls` record every command and its arguments. */
export function fakeBackend(options: FakeOptions = {}): FakeBackend {
  const backend = new FakeBackend(options);
  mockIPC((cmd, payload) => backend.handle(cmd, payload as Record<string, unknown> | undefined));
  return backend;
}
