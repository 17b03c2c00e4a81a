/**
 * In-process promise queue: each task starts after the previous one has settled, so writes of one
 * process never interleave (SQLite has one connection per process; the audit chain needs one writer).
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue continues whether the task succeeded or failed; the caller sees the failure.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
