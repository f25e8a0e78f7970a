import { describe, expect, it, vi } from 'vitest';
import { timeoutVerdict, Watchdog } from '../../../src/record/timeouts.js';

const limits = { firstByteMs: 100, idleMs: 200 };

describe('timeoutVerdict', () => {
  it('times out a silent upstream before headers, and a stalled body after', () => {
    expect(timeoutVerdict({ lastActivity: 0, headersSent: false, eventStream: false }, 99, limits)).toBeUndefined();
    expect(timeoutVerdict({ lastActivity: 0, headersSent: false, eventStream: false }, 100, limits)).toBe('first-byte');
    expect(timeoutVerdict({ lastActivity: 0, headersSent: true, eventStream: false }, 150, limits)).toBeUndefined();
    expect(timeoutVerdict({ lastActivity: 0, headersSent: true, eventStream: false }, 200, limits)).toBe('idle');
  });

  it('exempts event streams from the idle timeout, and 0 disables either', () => {
    expect(timeoutVerdict({ lastActivity: 0, headersSent: true, eventStream: true }, 1e9, limits)).toBeUndefined();
    expect(timeoutVerdict({ lastActivity: 0, headersSent: false, eventStream: false }, 1e9, { firstByteMs: 0, idleMs: 0 })).toBeUndefined();
  });
});

describe('Watchdog', () => {
  it('reports each timed-out exchange once, and not those touched in time', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const timeouts: string[] = [];
      const dog = new Watchdog({ ...limits, now: () => now, onTimeout: (id, verdict) => timeouts.push(`${id}:${verdict}`) });
      expect(dog.intervalMs).toBe(25);
      dog.watch('a');
      dog.watch('b');
      dog.headersSent('b', false);
      for (now = 0; now <= 600; now += 25) {
        if (now <= 300) dog.touch('b');
        vi.advanceTimersByTime(25);
      }
      expect(timeouts).toEqual(['a:first-byte', 'b:idle']);
      dog.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps one timer across requests handled one at a time, and stops it at the first sweep with nothing watched', () => {
    vi.useFakeTimers();
    try {
      const dog = new Watchdog({ ...limits, onTimeout: () => undefined });
      dog.watch('a');
      dog.forget('a');
      dog.watch('b');
      dog.forget('b');
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(dog.intervalMs);
      expect(vi.getTimerCount()).toBe(0);
      dog.watch('c');
      expect(vi.getTimerCount()).toBe(1);
      dog.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
