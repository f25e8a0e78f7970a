// Postman environment files: build, serialise, parse and merge the JSON shape (no I/O here).
import { setOwnProperty } from '../own-property.js';
import { ApitapeError } from '../errors.js';
import { stableUuid } from './ids.js';

/** One variable of a Postman environment. `secret` hides the value in the Postman app. */
export interface EnvironmentValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  enabled: boolean;
}

/** A Postman environment as exported by the Postman app (without the export timestamp). */
export interface PostmanEnvironment {
  id: string;
  name: string;
  values: EnvironmentValue[];
  _postman_variable_scope: 'environment';
}

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Whether `name` can name an environment file (`environments/<name>.postman_environment.json`). */
export function isEnvironmentName(name: string): boolean {
  return ENV_NAME.test(name) && !name.includes('..') && !name.endsWith('.');
}

/** An environment with a deterministic id (derived from its name). Values keep the given order. */
export function buildEnvironment(
  name: string,
  values: Array<{ key: string; value: string; secret?: boolean }>,
): PostmanEnvironment {
  return {
    id: stableUuid(`apitape environment ${name}`),
    name,
    values: values.map((v) => ({ key: v.key, value: v.value, type: v.secret ? 'secret' : 'default', enabled: true })),
    _postman_variable_scope: 'environment',
  };
}

/** The file text: two-space JSON with a fixed key order and a final newline (diff-friendly). */
export function serializeEnvironment(env: PostmanEnvironment): string {
  const ordered = {
    id: env.id,
    name: env.name,
    values: env.values.map((v) => ({ key: v.key, value: v.value, type: v.type, enabled: v.enabled })),
    _postman_variable_scope: env._postman_variable_scope,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Parses an environment file's text (a BOM is tolerated; Postman's older `type: "text"` and
 * missing `enabled` are accepted). `source` names the file in errors, which exit 2.
 */
export function parseEnvironment(text: string, source: string): PostmanEnvironment {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid(source, `it is not JSON (${(error as Error).message})`, error);
  }
  if (!isObject(data)) throw invalid(source, 'expected a JSON object with "name" and "values"');
  const values = data.values ?? [];
  if (!Array.isArray(values)) throw invalid(source, '"values" must be an array of { key, value }');
  const parsed = values.map((entry, index) => parseValue(entry, index, source));
  const name = typeof data.name === 'string' ? data.name : '';
  return {
    id: typeof data.id === 'string' ? data.id : stableUuid(`apitape environment ${name}`),
    name,
    values: parsed,
    _postman_variable_scope: 'environment',
  };
}

function parseValue(entry: unknown, index: number, source: string): EnvironmentValue {
  if (!isObject(entry) || typeof entry.key !== 'string') {
    throw invalid(source, `values[${index}] must be an object with a string "key"`);
  }
  const raw = entry.value;
  const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  return { key: entry.key, value, type: entry.type === 'secret' ? 'secret' : 'default', enabled: entry.enabled !== false };
}

/** The enabled variables as a map (a later duplicate key wins, as in Postman). */
export function environmentVariables(env: PostmanEnvironment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of env.values) if (v.enabled) setOwnProperty(out, v.key, v.value);
  return out;
}

/**
 * Regenerating must not throw away what a person put in an environment file: every key keeps the
 * existing file's value (a filled-in secret, an edited `baseUrl`), and keys only the existing file
 * has are kept after the generated ones.
 */
export function mergeEnvironment(generated: PostmanEnvironment, existing: PostmanEnvironment): PostmanEnvironment {
  const old = new Map(existing.values.map((v) => [v.key, v]));
  const values = generated.values.map((v) => {
    const kept = old.get(v.key);
    return kept ? { ...v, value: kept.value, enabled: kept.enabled } : v;
  });
  const known = new Set(generated.values.map((v) => v.key));
  for (const v of existing.values) if (!known.has(v.key)) values.push(v);
  return { ...generated, values };
}

function invalid(source: string, reason: string, cause?: unknown): ApitapeError {
  return new ApitapeError('ENV_INVALID', `environment ${source} is not a Postman environment: ${reason}`, {
    cause,
    hint: 'export it again from Postman, or regenerate it with `apitape generate`',
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
