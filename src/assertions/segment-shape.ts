// What a path segment looks like: an identifier, a value-like token, a version, or a plain word.
import { decodeSegment } from './url-parts.js';

/**
 * - `id`: unmistakably an identifier (integer, UUID, Mongo ObjectId, ULID, long hex or random
 *   token, prefixed id like `cus_9s6XKzk…`, ISO date): a parameter even when seen once;
 * - `value`: looks like data rather than a name (slug with digits, file name, email, encoded
 *   text): a parameter once two different ones are seen in the same place;
 * - `version`: `v1`, `v2.1`, `v1beta1`: always literal;
 * - `word`: a name (`users`, `me`, `search`, `hello-world`): literal unless the structure around it
 *   shows it varies (see path-template.ts).
 */
export type SegmentShape = 'id' | 'value' | 'version' | 'word';

const INTEGER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONG_HEX = /^[0-9a-f]{16,}$/i;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const PREFIXED_ID = /^[a-z]{2,8}_[A-Za-z0-9]{8,}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^v\d+(?:[._]\d+)*(?:(?:alpha|beta|rc)\d*)?$/i;
const WORD = /^[A-Za-z][A-Za-z_-]*$/;

/** Words that name a fixed resource even where the neighbouring segments vary (`/users/me`). */
export const FIXED_WORDS = new Set([
  '', // the empty segment of a trailing slash
  'me', 'self', 'current', 'mine', 'new', 'edit', 'latest', 'search', 'count', 'batch', 'bulk',
  'export', 'import', 'health', 'status', 'login', 'logout', 'settings', 'config', 'api', 'raw',
]);

/** The shape of raw (percent-encoded) segment `segment`. */
export function classifySegment(segment: string): SegmentShape {
  const text = decodeSegment(segment);
  if (text === '') return 'word';
  if (INTEGER.test(text) || UUID.test(text) || ISO_DATE.test(text)) return 'id';
  if (VERSION.test(text)) return 'version';
  if (WORD.test(text)) return 'word';
  if ((LONG_HEX.test(text) && /\d/.test(text)) || ULID.test(text) || PREFIXED_ID.test(text)) return 'id';
  if (isRandomToken(text)) return 'id';
  return 'value';
}

/** Whether an `id` segment reads as a date (names the parameter `…Date`). */
export function isDateSegment(segment: string): boolean {
  return ISO_DATE.test(segment);
}

/** Long runs of letters and digits mixed, or mixed case with digits: generated, not written. */
function isRandomToken(text: string): boolean {
  if (!TOKEN.test(text) || !/\d/.test(text) || !/[A-Za-z]/.test(text)) return false;
  return /[A-Z]/.test(text) || !/[-_]/.test(text);
}
