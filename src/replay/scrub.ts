// Removes secret values (variables given through `--env-var` or `APITAPE_VAR_*`) from anything a replay writes or prints.
import { redactionPlaceholder } from '../cassette/redact.js';
import { setOwnProperty } from '../own-property.js';

/** A value that must never be written, and the variable it came from (named in its placeholder). */
export interface SecretValue {
  name: string;
  value: string;
}

/** Shorter values are not scrubbed: they would replace ordinary text everywhere. */
const MIN_SECRET_LENGTH = 4;

/**
 * A function replacing every occurrence of each secret (4+ characters, longest first) in a string
 * with its `<redacted:…>` placeholder; the identity when there is nothing to scrub.
 */
export function secretScrubber(secrets: readonly SecretValue[]): (text: string) => string {
  const active = secrets.filter((s) => s.value.length >= MIN_SECRET_LENGTH).sort((a, b) => b.value.length - a.value.length);
  if (active.length === 0) return (text) => text;
  return (text) => active.reduce((out, { name, value }) => (out.includes(value) ? out.split(value).join(redactionPlaceholder(name, value)) : out), text);
}

/** `value` with every string in it (deeply, keys kept) scrubbed of `secrets`; a new value, the input is not changed. */
export function scrubSecrets<T>(value: T, secrets: readonly SecretValue[]): T {
  if (!secrets.some((s) => s.value.length >= MIN_SECRET_LENGTH)) return value;
  return mapStrings(value, secretScrubber(secrets)) as T;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwnProperty(out, key, mapStrings(item, map));
    return out;
  }
  return value;
}
