import { describe, expect, it } from 'vitest';
import { applyOverrides, envVarOverrides, parseEnvironment, parseEnvVarFlags, secretValues } from '../../../src/replay/environment.js';

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

  it('treats overrides and secret-typed values as secrets, but not plain URLs', () => {
    const env = { values: [{ key: 'k', value: 'file-secret', type: 'secret' }, { key: 'u', value: 'x' }] };
    expect(secretValues(env, [
      { key: 'baseUrl', value: 'https://prod.example.com/v1', source: 'x' },
      { key: 'token', value: 'abcd1234', source: 'x' },
      { key: 'hook', value: 'https://user:pw@x.test', source: 'x' },
    ])).toEqual([
      { name: 'k', value: 'file-secret' },
      { name: 'token', value: 'abcd1234' },
      { name: 'hook', value: 'https://user:pw@x.test' },
    ]);
  });
});
