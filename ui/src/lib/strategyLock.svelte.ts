// Whether the strategy version is signed off, for the Phase 2 pages 2.1–2.3: their writes are
// refused by Rust while it is (strategy.locked), so they say so up front and disable what would
// fail. Only get_finalise reports the version, so that is what is asked.
import { api, type UiError, type VersionState } from './api';

export class StrategyLock {
  version = $state<VersionState | null>(null);
  private seq = 0;
  private workspaceId: () => string;

  constructor(workspaceId: () => string) {
    this.workspaceId = workspaceId;
  }

  get locked(): boolean {
    return this.version?.locked === true;
  }

  async load(): Promise<void> {
    const mine = ++this.seq;
    try {
      const view = await api.getFinalise(this.workspaceId());
      if (mine === this.seq) this.version = view.version;
    } catch {
      // Unknown: the pages stay open, and Rust still refuses a write to a signed version.
    }
  }

  /** A write was refused: if it was because the version is signed, learn it now. */
  seen = (error: UiError): void => {
    if (error.code === 'strategy.locked') void this.load();
  };
}
