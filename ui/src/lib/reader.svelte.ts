// A step's reader (get_task_force, get_forum…): the last answer, or the error that stopped it.
// An answer older than the latest request is dropped, so a slow reload never overwrites a newer one.
import { toUiError, type UiError } from './api';

export class Reader<T> {
  data = $state<T | null>(null);
  error = $state<UiError | null>(null);
  private seq = 0;
  private fetch: () => Promise<T>;

  constructor(fetch: () => Promise<T>) {
    this.fetch = fetch;
  }

  async load(): Promise<void> {
    const mine = ++this.seq;
    try {
      const data = await this.fetch();
      if (mine !== this.seq) return;
      this.data = data;
      this.error = null;
    } catch (e) {
      if (mine === this.seq) this.error = toUiError(e);
    }
  }
}
