import { describe, expect, it } from 'vitest';
import { applyOverrides, checkBaseUrls, envVarOverrides, parseEnvironment, parseEnvVarFlags, secretValues } from '../../../src/replay/environment.js';

describe('parseEnvironment', () => {
  it('accepts a Postman export, numbers as values, and missing enabled flags', () => {
    const env = parseEnvironment({ name: 'prod', values: [{ key: 'baseUrl', value: 'https://x' }, { key: 'n', value: 3, enabled: false }, { key: 's', type: 'secret' }] }, 'f');
    expect(env).toEqual({
      name: 'prod',
      values: [
        { key: 'baseUrl', value: 'https://x', enabled: true },
        { key: 'n', value: '3', enabled: false },
        { key: 's', value: '', enabled: true, type: 'secret' },
      ],
    });
  });

  it.each([
    [[], 'expected a JSON object'],
    [{ values: {} }, 'expected a "values" array'],
    [{ values: [{ value: 'x' }] }, 'values[0] needs a non-empty string "key"'],
    [{ values: [{ key: 'a', value: { nested: true } }] }, 'values[0].value must be a string'],
    [{ name: 3, values: [] }, '"name" must be a string'],
  ])('rejects %j with exit 2', (value, message) => {
    expect(() => parseEnvironment(value, 'env.json')).toThrow(expect.objectContaining({ code: 'ENV_MALFORMED', exit: 2, message: expect.stringContaining(message) }));
  });
});

describe('overrides', () => {
  it('reads --env-var flags, keeping "=" inside values', () => {
    expect(parseEnvVarFlags(['a=1', 'token=x=y'])).toEqual([
      { key: 'a', value: '1', source: '--env-var' },
      { key: 'token', value: 'x=y', source: '--env-var' },
    ]);
    expect(() => parseEnvVarFlags(['novalue'])).toThrow(/must look like key=value/);
    expect(() => parseEnvVarFlags(['=1'])).toThrow(/must look like key=value/);
  });

  it('reads APITAPE_VAR_<key> keeping the case of the key', () => {
    expect(envVarOverrides({ APITAPE_VAR_apiKey: 'k', APITAPE_VAR_: 'x', OTHER: 'y', APITAPE_VARX: 'z' })).toEqual([{ key: 'apiKey', value: 'k', source: 'APITAPE_VAR_apiKey' }]);
  });

  it('applies overrides in order, enabling what they set', () => {
    const env = { values: [{ key: 'a', value: '1', enabled: false }] };
    const out = applyOverrides(env, [
      { key: 'a', value: '2', source: 'x' },
      { key: 'b', value: '3', source: 'x' },
      { key: 'a', value: '4', source: 'y' },
    ]);
    expect(out.values).toEqual([{ key: 'a', value: '4', enabled: true }, { key: 'b', value: '3', enabled: true }]);
    expect(env.values[0]!.value).toBe('1');
  });

  it('treats overrides and secret-typed values as secrets, but not a bare origin', () => {
    const env = { values: [{ key: 'k', value: 'file-secret', type: 'secret' }, { key: 'u', value: 'x' }] };
    expect(secretValues(env, [
      { key: 'baseUrl', value: 'https://prod.example.com', source: 'x' },
      { key: 'baseUrl_b', value: 'http://127.0.0.1:8080/', source: 'x' },
      { key: 'token', value: 'abcd1234', source: 'x' },
      { key: 'hook', value: 'https://user:pw@x.test', source: 'x' },
    ])).toEqual([
      { name: 'k', value: 'file-secret' },
      { name: 'token', value: 'abcd1234' },
      { name: 'hook', value: 'https://user:pw@x.test' },
    ]);
  });

  it('scrubs a URL override with a path or query: it may carry a key (https://host/v3/<key>)', () => {
    const overrides = [
      { key: 'baseUrl', value: 'https://api.example.com/v3/SK_live_0123456789', source: 'x' },
      { key: 'hook', value: 'https://hooks.example.com/services/T0/B0/XYZ', source: 'x' },
      { key: 'q', value: 'https://x.test?key=abc', source: 'x' },
    ];
    expect(secretValues({ values: [] }, overrides)).toEqual([
      { name: 'baseUrl', value: 'https://api.example.com/v3/SK_live_0123456789' },
      { name: 'baseUrl', value: '/v3/SK_live_0123456789' },
      { name: 'hook', value: 'https://hooks.example.com/services/T0/B0/XYZ' },
      { name: 'hook', value: '/services/T0/B0/XYZ' },
      { name: 'q', value: 'https://x.test?key=abc' },
      { name: 'q', value: '?key=abc' },
    ]);
  });

  it('never echoes a malformed --env-var, only its position', () => {
    const attempt = (flags: string[]): string => {
      try {
        parseEnvVarFlags(flags);
      } catch (error) {
        return (error as Error).message + String((error as { hint?: string }).hint ?? '');
      }
      return 'no error';
    };
    const noEquals = attempt(['a=1', 'sk_live_SECRETVALUE']);
    expect(noEquals).toMatch(/--env-var number 2 of 2 must look like key=value/);
    expect(noEquals).not.toContain('SECRETVALUE');
    const emptyKey = attempt(['=sk_live_SECRETVALUE']);
    expect(emptyKey).toMatch(/the key is empty/);
    expect(emptyKey).not.toContain('SECRETVALUE');
  });
});

describe('checkBaseUrls', () => {
  const env = (value: string) => ({ values: [{ key: 'baseUrl', value, enabled: true }, { key: 'baseUrl_pay', value: 'https://pay.test', enabled: true }] });

  it.each(['htp:/broken', 'http:/broken', 'localhost:3000', '/v1', 'https://', 'ftp://x.test', 'http://exa mple.com'])('rejects baseUrl %j with exit 2, without echoing it', (value) => {
    const overrides = [{ key: 'baseUrl', value, source: '--env-var' }];
    let caught: unknown;
    try {
      checkBaseUrls(env(value), overrides, 'environments/prod.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'ENV_BASE_URL_INVALID', exit: 2, message: 'variable "baseUrl" (from --env-var) is not an absolute http(s) URL; no request was sent' });
  });

  it.each(['https://api.example.com', 'http://127.0.0.1:3000/', 'https://h.test/v1?x=1', '{{host}}/v1', ''])('accepts %j', (value) => {
    expect(() => checkBaseUrls(env(value), [], 'env.json')).not.toThrow();
  });

  it('checks every baseUrl* variable and names the file when no override set it', () => {
    const bad = { values: [{ key: 'baseUrl', value: 'https://ok.test', enabled: true }, { key: 'baseUrl_pay', value: 'pay.test', enabled: true }] };
    expect(() => checkBaseUrls(bad, [], 'environments/prod.json')).toThrow('variable "baseUrl_pay" (from environments/prod.json)');
    expect(() => checkBaseUrls({ values: [{ key: 'baseUrl', value: 'nope', enabled: false }] }, [], 'e')).not.toThrow();
  });
});
