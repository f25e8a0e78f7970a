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

/**
 * `k=v` strings from `--env-var`; a missing `=` or an empty key is a usage error. The error names
 * the flag's position only: the text may be a secret typed without its key.
 */
export function parseEnvVarFlags(flags: readonly string[]): VariableOverride[] {
  return flags.map((flag, i) => {
    const eq = flag.indexOf('=');
    if (eq <= 0) {
      const which = flags.length === 1 ? 'the --env-var value' : `--env-var number ${i + 1} of ${flags.length}`;
      throw new ApitapeError('USAGE', `${which} must look like key=value (${eq === 0 ? 'the key is empty' : 'it has no "="'}; the value is not shown)`, {
        hint: 'e.g. --env-var apiKey=abc123',
      });
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
 * (they are how CI passes secrets) except a bare origin (`https://host[:port]`, optional trailing
 * slash) such as a `baseUrl`, which reports must show. A URL with a path may hold a key
 * (`https://host/v3/<key>`), so it is scrubbed like any other override, and so is its path and
 * query on their own (4+ characters) since responses echo paths without the origin.
 */
export function secretValues(env: NewmanEnvironment, overrides: readonly VariableOverride[]): Array<{ name: string; value: string }> {
  const fromFile = env.values.filter((v) => v.type === 'secret' && v.value !== '').map((v) => ({ name: v.key, value: v.value }));
  const fromOverrides = overrides.filter((o) => !BARE_ORIGIN.test(o.value)).flatMap((o) => [{ name: o.key, value: o.value }, ...urlRest(o)]);
  return [...fromFile, ...fromOverrides];
}

/** For a URL override, its path and query too: a server echoes `/v3/<key>/users` without the origin. */
function urlRest(o: VariableOverride): Array<{ name: string; value: string }> {
  const origin = /^https?:\/\/[^\s/?#\\]+/i.exec(o.value)?.[0];
  const rest = origin === undefined ? '' : o.value.slice(origin.length).replace(/\/+$/, '');
  return rest.length >= 4 ? [{ name: o.key, value: rest }] : [];
}

const BARE_ORIGIN = /^https?:\/\/[^@\s/?#\\]+\/?$/i;

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

/** Variables holding a base URL (`baseUrl`, `baseUrl_payments`…): requests start with them. */
const BASE_URL_KEY = /^baseUrl/i;
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#\\]+([/?#][^\s]*)?$/i;

/**
 * Throws `ENV_BASE_URL_INVALID` (exit 2) when an enabled `baseUrl*` variable is set but is not an
 * absolute http(s) URL (`htp:/broken`, `localhost:3000`): bad input, found before any request
 * rather than reported as an unreachable environment. Values that reference other variables
 * (`{{host}}/v1`) are left to newman. The message names the variable and where it came from, never
 * its value (it may be secret).
 */
export function checkBaseUrls(env: NewmanEnvironment, overrides: readonly VariableOverride[], envLabel: string): void {
  for (const v of env.values) {
    if (!BASE_URL_KEY.test(v.key) || v.enabled === false || v.value === '' || v.value.includes('{{')) continue;
    if (isAbsoluteHttpUrl(v.value)) continue;
    const source = [...overrides].reverse().find((o) => o.key === v.key)?.source ?? envLabel;
    throw new ApitapeError('ENV_BASE_URL_INVALID', `variable "${v.key}" (from ${source}) is not an absolute http(s) URL; no request was sent`, {
      hint: `give it a value like https://api.example.com or http://127.0.0.1:3000`,
    });
  }
}

function isAbsoluteHttpUrl(value: string): boolean {
  if (!ABSOLUTE_HTTP_URL.test(value.trim())) return false;
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
