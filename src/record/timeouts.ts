// Upstream first-byte and idle timeouts: mockttp waits forever on a silent upstream, so a watchdog
// sweeps the exchanges in flight and tells the proxy which ones to give up on.

/** The two upstream timeouts, in milliseconds. */
export interface TimeoutLimits {
  /** Longest wait for response headers after the last request byte; 0 disables. */
  firstByteMs: number;
  /** Longest silence while a response body streams; 0 disables. Event streams are exempt. */
  idleMs: number;
  /**
   * Longest a client may take to send a request's head (slowloris guard: the connection gets a 400
   * and is closed); 0 disables. Default 30 s. Enforced by Node's HTTP/1 server, not this watchdog.
   */
  headersMs?: number;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;

export type TimeoutVerdict = 'first-byte' | 'idle' | undefined;

/** What the watchdog knows of one exchange in flight. */
export interface WatchedExchange {
  /** Monotonic ms of the last byte seen in either direction (or of the request start). */
  lastActivity: number;
  headersSent: boolean;
  /** Long-lived streams (Server-Sent Events) may be silent for long; no idle timeout applies. */
  eventStream: boolean;
}

/** Whether `exchange` has timed out at monotonic time `now`. Pure. */
export function timeoutVerdict(exchange: WatchedExchange, now: number, limits: TimeoutLimits): TimeoutVerdict {
  const silent = now - exchange.lastActivity;
  if (!exchange.headersSent) return limits.firstByteMs > 0 && silent >= limits.firstByteMs ? 'first-byte' : undefined;
  if (exchange.eventStream) return undefined;
  return limits.idleMs > 0 && silent >= limits.idleMs ? 'idle' : undefined;
}

export interface WatchdogOptions extends TimeoutLimits {
  onTimeout(id: string, verdict: Exclude<TimeoutVerdict, undefined>): void;
  now?: () => number;
}

/** Sweeps watched exchanges on a timer; each one times out at most once. */
export class Watchdog {
  private readonly watched = new Map<string, WatchedExchange>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: WatchdogOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Milliseconds between sweeps: a quarter of the shortest timeout, within 10 ms to 1 s. */
  get intervalMs(): number {
    const limits = [this.options.firstByteMs, this.options.idleMs].filter((ms) => ms > 0);
    if (limits.length === 0) return 0;
    return Math.min(1000, Math.max(10, Math.floor(Math.min(...limits) / 4)));
  }

  watch(id: string): void {
    this.watched.set(id, { lastActivity: this.now(), headersSent: false, eventStream: false });
    if (!this.timer && this.intervalMs > 0) {
      this.timer = setInterval(() => this.sweep(), this.intervalMs);
      this.timer.unref();
    }
  }

  touch(id: string): void {
    const entry = this.watched.get(id);
    if (entry) entry.lastActivity = this.now();
  }

  headersSent(id: string, eventStream: boolean): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    entry.headersSent = true;
    entry.eventStream = eventStream;
    entry.lastActivity = this.now();
  }

  /**
   * Stops watching `id`. An idle timer stops at its next sweep rather than here: one request at a
   * time would otherwise start and clear a timer per request.
   */
  forget(id: string): void {
    this.watched.delete(id);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.watched.clear();
  }

  private sweep(): void {
    if (this.watched.size === 0) return this.stop();
    const now = this.now();
    for (const [id, entry] of this.watched) {
      const verdict = timeoutVerdict(entry, now, this.options);
      if (!verdict) continue;
      this.forget(id);
      this.options.onTimeout(id, verdict);
    }
  }
}
