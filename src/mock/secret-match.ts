// Equality that sees through redaction: a recorded `<redacted:rule:hash6>` equals the live secret
// whose SHA-256 starts with hash6, so a client sending the real password still matches its sample.
import { createHash } from 'node:crypto';
import { isPlaceholder } from '../cassette/redact.js';

/** Whether a recorded string value stands for `incoming` (equal, or a placeholder of it). */
export function sameString(recorded: string, incoming: string): boolean {
  if (recorded === incoming) return true;
  if (!isPlaceholder(recorded)) return false;
  const hash = recorded.slice(recorded.lastIndexOf(':') + 1, -1);
  return createHash('sha256').update(incoming).digest('hex').startsWith(hash);
}

/** Deep JSON equality where recorded placeholders match the secrets they replaced; key order ignored. */
export function sameJson(recorded: unknown, incoming: unknown): boolean {
  if (typeof recorded === 'string' && typeof incoming === 'string') return sameString(recorded, incoming);
  if (Array.isArray(recorded)) {
    return Array.isArray(incoming) && recorded.length === incoming.length && recorded.every((v, i) => sameJson(v, incoming[i]));
  }
  if (isObject(recorded)) {
    if (!isObject(incoming)) return false;
    const keys = Object.keys(recorded);
    return keys.length === Object.keys(incoming).length && keys.every((k) => Object.hasOwn(incoming, k) && sameJson(recorded[k], incoming[k]));
  }
  return recorded === incoming;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
