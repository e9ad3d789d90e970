// Autosave for one page: every write goes through one queue, in order, so an older answer can never
// overwrite a newer edit, and a note draft saved late can never come back after the note was added.
// Text is debounced per field; checkboxes go at once. The state drives the "Saved / Saving… /
// Not saved" indicator.
import { toUiError, type UiError } from './api';

export type SaveStatus = 'saved' | 'saving' | 'error';

export class Autosave {
  status = $state<SaveStatus>('saved');
  error = $state<UiError | null>(null);

  private tail: Promise<unknown> = Promise.resolve();
  private timers = new Map<string, { handle: ReturnType<typeof setTimeout>; task: () => Promise<void> }>();
  private queued = new Map<string, number>();
  private failed = new Set<string>();
  private running = 0;

  /** Run `task` after `delay` ms; scheduling the same key again replaces the waiting task. */
  schedule(key: string, delay: number, task: () => Promise<void>): void {
    this.cancel(key);
    this.status = 'saving';
    if (delay <= 0) {
      void this.enqueue(key, task);
      return;
    }
    const handle = setTimeout(() => {
      this.timers.delete(key);
      void this.enqueue(key, task);
    }, delay);
    this.timers.set(key, { handle, task });
  }

  /** Send what is waiting now (on blur, or when the page goes away). */
  flush(key?: string): void {
    for (const [k, { handle, task }] of [...this.timers]) {
      if (key !== undefined && k !== key) continue;
      clearTimeout(handle);
      this.timers.delete(k);
      void this.enqueue(k, task);
    }
  }

  /** Drop a waiting task without running it (the draft once its note is added). */
  cancel(key: string): void {
    const waiting = this.timers.get(key);
    if (waiting) {
      clearTimeout(waiting.handle);
      this.timers.delete(key);
      this.settle();
    }
  }

  /** Queue a write that the caller awaits (add a note, delete a note). Rejects with a UiError. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    this.status = 'saving';
    return this.enqueue(key, task);
  }

  /** Run a read after every write already queued, so its answer is never older than them. */
  after<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Forget a failure that is shown elsewhere (a field message, the banner) and needs no retry. */
  clearFailure(key: string): void {
    this.failed.delete(key);
    if (this.failed.size === 0) this.error = null;
    this.settle();
  }

  /** True while the local value of `key` is newer than the backend's: do not overwrite it. */
  isDirty(key: string): boolean {
    return this.timers.has(key) || (this.queued.get(key) ?? 0) > 0 || this.failed.has(key);
  }

  private enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
    this.queued.set(key, (this.queued.get(key) ?? 0) + 1);
    this.running++;
    const result = this.tail.then(async () => {
      try {
        const value = await task();
        this.failed.delete(key);
        if (this.failed.size === 0) this.error = null;
        return value;
      } catch (e) {
        const error = toUiError(e);
        this.failed.add(key);
        this.error = error;
        throw error;
      } finally {
        this.queued.set(key, (this.queued.get(key) ?? 1) - 1);
        this.running--;
        this.settle();
      }
    });
    // The queue goes on after a failure; callers that await `run` still see the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }

  private settle(): void {
    if (this.running > 0 || this.timers.size > 0) this.status = 'saving';
    else this.status = this.error ? 'error' : 'saved';
  }
}
