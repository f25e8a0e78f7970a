// Appends text lines to a file in few writes: one write at a time; the lines added in the same turn
// of the event loop, or while a write is in flight, share the next one. Used by the cassette writer.

/**
 * Joins lines into few writes, in order, each line whole. Each write is a thread-pool round trip
 * whose completion wakes the event loop, which on a small machine costs about as much as proxying a
 * small exchange; a burst of lines (the recorder appends a batch of exchanges at a time) goes out in
 * one. After a failed write the file's end is unknown (a short write may have torn a line), so that
 * write's lines and every later one fail with its error: nothing is appended after a torn line.
 */
export class LineBatcher {
  private text = '';
  private done: Promise<void> | undefined;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private writing = false;
  private starting: NodeJS.Immediate | undefined;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: (() => void) | undefined;
  private failure: { error: unknown } | undefined;

  constructor(private readonly write: (text: string) => Promise<void>) {}

  /** Characters queued and not yet handed to a write. */
  get unwritten(): number {
    return this.text.length;
  }

  /** Queues `line`; resolves once the write that carries it has finished. */
  add(line: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    this.text += line;
    if (!this.done) {
      this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
      this.done.catch(() => undefined); // the caller's handler sees the failure; this copy must not be unhandled
    }
    if (!this.markIdle) this.idle = new Promise<void>((resolve) => (this.markIdle = resolve));
    if (!this.writing) this.starting ??= setImmediate(() => this.start());
    return this.done;
  }

  /** Resolves once everything queued so far is written (or has failed). */
  flush(): Promise<void> {
    if (!this.writing && this.text !== '') this.start();
    return this.idle;
  }

  private start(): void {
    if (this.starting) clearImmediate(this.starting);
    this.starting = undefined;
    const { text, settle } = this;
    this.text = '';
    this.done = undefined;
    this.settle = undefined;
    this.writing = true;
    void this.write(text).then(
      () => this.finished(() => settle?.resolve()),
      (error: unknown) => {
        this.failure = { error };
        this.finished(() => settle?.reject(error));
      },
    );
  }

  private finished(report: () => void): void {
    this.writing = false;
    report();
    if (this.failure && this.text !== '') {
      this.text = '';
      this.settle?.reject(this.failure.error);
      this.done = undefined;
      this.settle = undefined;
    }
    if (this.text !== '') return this.start();
    this.markIdle?.();
    this.markIdle = undefined;
  }
}
