// Postman environments for a replay: validates a parsed file and layers variable overrides on it.
import { ApitapeError } from '../errors.js';
import type { NewmanEnvironment } from './newman.js';

/** A variable given outside the environment file; its value is treated as a secret. */
export interface VariableOverride {
  key: string;
  value: string;
  /** Where it came from, for messages: `--env-var` or `APITAPE_VAR_<key>`. */
  source: string;
}

/** Checks that `value` is a Postman environment (`{ name?, values: [{ key, value, enabled? }] }`). */
export function parseEnvironment(value: unknown, file: string): NewmanEnvironment {
  const fail = (what: string): never => {
    throw new ApitapeError('ENV_MALFORMED', `${file}: ${what}`, {
      hint: 'a Postman environment looks like {"name": "prod", "values": [{"key": "baseUrl", "value": "https://…", "enabled": true}]}',
    });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected a JSON object');
  const env = value as { name?: unknown; values?: unknown };
  if (env.name !== undefined && typeof env.name !== 'string') fail('"name" must be a string');
  if (!Array.isArray(env.values)) return fail('expected a "values" array of {key, value} entries');
  const values = env.values.map((entry: unknown, i) => {
    const v = entry as { key?: unknown; value?: unknown; enabled?: unknown; type?: unknown } | null;
    if (v === null || typeof v !== 'object' || typeof v.key !== 'string' || v.key === '') {
      return fail(`values[${i}] needs a non-empty string "key"`);
    }
    if (v.enabled !== undefined && typeof v.enabled !== 'boolean') fail(`values[${i}].enabled must be true or false`);
    const raw = v.value;
    if (raw !== undefined && raw !== null && typeof raw === 'object') fail(`values[${i}].value must be a string, number or boolean`);
    const value = raw === undefined || raw === null ? '' : String(raw);
    const out = { key: String(v.key), value, enabled: v.enabled !== false };
    return typeof v.type === 'string' ? { ...out, type: v.type } : out;
  });
  return typeof env.name === 'string' ? { name: env.name, values } : { values };
}

/** `k=v` strings from `--env-var`; a missing `=` or an empty key is a usage error. */
export function parseEnvVarFlags(flags: readonly string[]): VariableOverride[] {
  return flags.map((flag) => {
    const eq = flag.indexOf('=');
    if (eq <= 0) {
      throw new ApitapeError('USAGE', `--env-var "${flag}" must look like key=value`, { hint: 'e.g. --env-var apiKey=abc123' });
    }
    return { key: flag.slice(0, eq), value: flag.slice(eq + 1), source: '--env-var' };
  });
}

/** Variables from `APITAPE_VAR_<key>` entries of a process environment (the key keeps its case). */
export function envVarOverrides(env: Record<string, string | undefined>): VariableOverride[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('APITAPE_VAR_') && name.length > 'APITAPE_VAR_'.length && env[name] !== undefined)
    .sort()
    .map((name) => ({ key: name.slice('APITAPE_VAR_'.length), value: env[name]!, source: name }));
}

/**
 * Values never to be written to a report: environment values of type `secret`, and every override
 * (they are how CI passes secrets) except plain URLs such as a `baseUrl`, which reports must show.
 */
export function secretValues(env: NewmanEnvironment, overrides: readonly VariableOverride[]): Array<{ name: string; value: string }> {
  const fromFile = env.values.filter((v) => v.type === 'secret' && v.value !== '').map((v) => ({ name: v.key, value: v.value }));
  const fromOverrides = overrides.filter((o) => !PLAIN_URL.test(o.value)).map((o) => ({ name: o.key, value: o.value }));
  return [...fromFile, ...fromOverrides];
}

const PLAIN_URL = /^https?:\/\/[^@\s/?#]+(\/[^@\s?#]*)?$/i;

/** The environment with `overrides` applied in order (later wins); overridden entries are enabled. */
export function applyOverrides(env: NewmanEnvironment, overrides: readonly VariableOverride[]): NewmanEnvironment {
  const values = env.values.map((v) => ({ ...v }));
  for (const o of overrides) {
    const existing = values.find((v) => v.key === o.key);
    if (existing) {
      existing.value = o.value;
      existing.enabled = true;
    } else values.push({ key: o.key, value: o.value, enabled: true });
  }
  return { ...env, values };
}
