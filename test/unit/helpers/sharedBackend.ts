import type { StateBackend } from '../../../src/core/progress/store';

/**
 * One globalState shared by several windows, as VS Code's is: a value stored as JSON. `read` hands out the
 * same object until something is written, as VS Code's memento does, so "unchanged" is observable.
 */
export class SharedBackend implements StateBackend {
  writes = 0;
  /** Makes the next writes fail, as a full disk or a closing window would. */
  failWrites: Error | undefined;
  private current: unknown;

  constructor(value: unknown = undefined) {
    this.value = value;
  }

  /** What is stored, as a fresh copy; assigning stores a copy (another window or Settings Sync wrote it). */
  get value(): unknown {
    return this.current === undefined ? undefined : JSON.parse(JSON.stringify(this.current));
  }
  set value(next: unknown) {
    this.current = next === undefined ? undefined : JSON.parse(JSON.stringify(next));
  }

  read(): unknown {
    return this.current;
  }

  write(value: unknown): Promise<void> {
    if (this.failWrites) return Promise.reject(this.failWrites);
    this.writes++;
    this.value = value;
    return Promise.resolve();
  }
}
