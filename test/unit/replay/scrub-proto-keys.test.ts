// Scrubbing a replay's data keeps keys named like Object.prototype members, and scrubs below them.
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../../src/replay/scrub.js';

describe('scrubSecrets with prototype-named keys', () => {
  it('keeps a `__proto__` key (it used to become the prototype and vanish) and scrubs the strings below it', () => {
    const input = JSON.parse('{"__proto__":{"x":"key sk_live_abc123"},"constructor":"sk_live_abc123","b":2}');
    const out = scrubSecrets(input, [{ name: 'apiKey', value: 'sk_live_abc123' }]) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'b']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).not.toContain('sk_live_abc123');
    expect(JSON.stringify(out)).toMatch(/^\{"__proto__":\{"x":"key <redacted:apikey:[0-9a-f]{6}>"\},"constructor":"<redacted:apikey:[0-9a-f]{6}>","b":2\}$/);
  });
});
