import { describe, expect, it } from 'vitest';
import { scrubSecrets, secretScrubber } from '../../../src/replay/scrub.js';

describe('scrubSecrets', () => {
  const secrets = [{ name: 'apiKey', value: 'sk_live_abc123' }, { name: 'pin', value: '12' }];

  it('replaces the value in every nested string, longest first, and leaves the input alone', () => {
    const input = { a: ['expected \'sk_live_abc123\' to equal 1'], b: { c: 'x sk_live_abc123 y', n: 3, t: true, z: null } };
    const out = scrubSecrets(input, secrets);
    expect(JSON.stringify(out)).not.toContain('sk_live_abc123');
    expect(out.a[0]).toMatch(/^expected '<redacted:apikey:[0-9a-f]{6}>' to equal 1$/);
    expect(out.b).toMatchObject({ n: 3, t: true, z: null });
    expect(input.b.c).toBe('x sk_live_abc123 y');
  });

  it('ignores values shorter than 4 characters (they would hit ordinary text)', () => {
    expect(secretScrubber(secrets)('pin 12')).toBe('pin 12');
    expect(scrubSecrets({ x: 'a' }, [])).toEqual({ x: 'a' });
  });
});
