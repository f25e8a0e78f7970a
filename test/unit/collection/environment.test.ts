import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import {
  buildEnvironment,
  environmentVariables,
  isEnvironmentName,
  mergeEnvironment,
  parseEnvironment,
  serializeEnvironment,
} from '../../../src/collection/environment.js';

describe('Postman environments', () => {
  const env = buildEnvironment('staging', [
    { key: 'baseUrl', value: 'https://staging.example.com' },
    { key: 'password', value: '', secret: true },
  ]);

  it('serialises deterministically and parses back to the same value', () => {
    const text = serializeEnvironment(env);
    expect(serializeEnvironment(buildEnvironment('staging', [
      { key: 'baseUrl', value: 'https://staging.example.com' },
      { key: 'password', value: '', secret: true },
    ]))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseEnvironment(text, 'staging.json')).toEqual(env);
    expect(env.values[1]).toEqual({ key: 'password', value: '', type: 'secret', enabled: true });
    expect(env.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads what the Postman app exports (BOM, type "text", no enabled, non-string values)', () => {
    const exported = '\uFEFF' + JSON.stringify({
      id: 'x', name: 'prod', values: [{ key: 'baseUrl', value: 'https://prod', type: 'text' }, { key: 'n', value: 3, enabled: false }],
      _postman_variable_scope: 'environment', _postman_exported_at: '2024-01-01',
    });
    const parsed = parseEnvironment(exported, 'prod.json');
    expect(parsed.values).toEqual([
      { key: 'baseUrl', value: 'https://prod', type: 'default', enabled: true },
      { key: 'n', value: '3', type: 'default', enabled: false },
    ]);
    expect(environmentVariables(parsed)).toEqual({ baseUrl: 'https://prod' });
  });

  it.each([
    ['not json', '{'],
    ['an array', '[]'],
    ['values not a list', '{"name":"x","values":{}}'],
    ['a value without a key', '{"name":"x","values":[{"value":"y"}]}'],
  ])('rejects %s with ENV_INVALID naming the file', (_what, text) => {
    let error: unknown;
    try {
      parseEnvironment(text, 'environments/bad.postman_environment.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApitapeError);
    expect((error as ApitapeError).code).toBe('ENV_INVALID');
    expect((error as ApitapeError).exit).toBe(2);
    expect((error as ApitapeError).message).toContain('environments/bad.postman_environment.json');
  });

  it('keeps the values a person filled in when regenerating', () => {
    const existing = buildEnvironment('staging', [
      { key: 'baseUrl', value: 'https://edited.example.com' },
      { key: 'password', value: 'filled-in', secret: true },
      { key: 'userId', value: 'custom' },
    ]);
    const regenerated = buildEnvironment('staging', [
      { key: 'baseUrl', value: 'https://staging.example.com' },
      { key: 'password', value: '', secret: true },
      { key: 'apiKey', value: '', secret: true },
    ]);
    expect(environmentVariables(mergeEnvironment(regenerated, existing))).toEqual({
      baseUrl: 'https://edited.example.com',
      password: 'filled-in',
      apiKey: '',
      userId: 'custom',
    });
  });

  it('accepts only names that stay inside environments/', () => {
    expect(isEnvironmentName('staging')).toBe(true);
    expect(isEnvironmentName('prod-eu.2')).toBe(true);
    for (const bad of ['../x', 'a/b', '', '.hidden', 'x..y', 'x.']) expect(isEnvironmentName(bad)).toBe(false);
  });
});

describe('environmentVariables with a variable named __proto__', () => {
  it('keeps it as an ordinary variable', () => {
    const env = parseEnvironment(JSON.stringify({ name: 'x', values: [{ key: '__proto__', value: 'p' }, { key: 'a', value: '1' }] }), 'x.json');
    const vars = environmentVariables(env);
    expect(Object.keys(vars)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
    expect(vars['__proto__']).toBe('p');
  });
});
