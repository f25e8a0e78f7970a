// Appends text lines to a file in few writes: one write at a time, lines that arrive meanwhile (or
// within a short linger) share the next one. Used by the cassette writer.

/** A batch that is large enough goes out without waiting for the linger to pass. */
const BATCH_BYTES = 256 * 1024;

/**
 * Joins lines into few writes, in order, each line whole: one write at a time; lines added while it
 * is in flight, or within half of `lingerMs` after the previous write, go out together in the next
 * one, and no line waits longer than `lingerMs`. Under steady traffic the write is started by the
 * line that finds the half passed, so the timer (the deadline for the last lines of a burst) rarely
 * fires: waking an idle event loop costs as much as the write itself. After a failed write the
 * file's end is unknown (a short write may have torn a line), so that write's lines and every later
 * one fail with its error: nothing is appended after a torn line.
 */
export class LineBatcher {
  private text = '';
  private done: Promise<void> | undefined;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private writing = false;
  private timer: NodeJS.Timeout | undefined;
  private lastWrite = -Infinity;
  /** Set by `flush()`: write without lingering until everything queued is out. */
  private urgent = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: (() => void) | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly lingerMs: number,
  ) {}

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
    const done = this.done;
    this.schedule();
    return done;
  }

  /** Writes what is queued now and resolves once every write has finished (failed writes included). */
  flush(): Promise<void> {
    this.urgent = true;
    if (!this.writing && this.text !== '') this.start();
    return this.idle;
  }

  private schedule(): void {
    if (this.writing || this.text === '') return;
    const since = performance.now() - this.lastWrite;
    if (since >= this.lingerMs / 2 || this.urgent || this.text.length >= BATCH_BYTES) return this.start();
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (!this.writing) this.start();
    }, this.lingerMs - since);
  }

  private start(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { text, settle } = this;
    this.text = '';
    this.done = undefined;
    this.settle = undefined;
    this.writing = true;
    this.lastWrite = performance.now();
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
    if (this.text !== '') {
      this.schedule();
    } else {
      this.urgent = false;
      this.markIdle?.();
      this.markIdle = undefined;
    }
  }
}
