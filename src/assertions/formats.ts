// Conservative string-format detection: a format is claimed only when Ajv 6 (fast and full) and Ajv 8
// (ajv-formats) would all accept the value, so a schema never rejects the samples it came from.
import { isIPv6 } from 'node:net';

/** The formats inference may put in a schema, most specific first (the order ties are broken in). */
export const FORMATS = ['uuid', 'date-time', 'date', 'time', 'email', 'ipv4', 'ipv6', 'uri'] as const;
export type StringFormat = (typeof FORMATS)[number];

/** Bit mask with every format set: the starting candidate set before any string was seen. */
export const ALL_FORMATS = (1 << FORMATS.length) - 1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const URI_CHARS = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const URI = new RegExp(
  `^https?://[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\\d{1,5})?` +
    `(?:/${URI_CHARS}*)*(?:\\?(?:${URI_CHARS}|[/?])*)?(?:#(?:${URI_CHARS}|[/?])*)?$`,
  'i',
);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Longest string tested; longer values never get a format (also keeps regex work bounded). */
const MAX_FORMAT_LENGTH = 2048;

/**
 * The bit mask of the formats among `candidates` (default: all) that `value` satisfies. Passing
 * the formats still possible keeps the cost at one check per value once a field's format is known.
 */
export function matchFormats(value: string, candidates = ALL_FORMATS): number {
  if (value.length === 0 || value.length > MAX_FORMAT_LENGTH) return 0;
  let mask = 0;
  for (let i = 0; i < FORMATS.length; i++) {
    const flag = 1 << i;
    if (candidates & flag && CHECKS[i]!(value)) mask |= flag;
  }
  return mask;
}

const digitFirst = (value: string): boolean => value.charCodeAt(0) >= 48 && value.charCodeAt(0) <= 57;

/** One check per entry of FORMATS, in the same order. */
const CHECKS: ReadonlyArray<(value: string) => boolean> = [
  (v) => v.length === 36 && UUID.test(v),
  (v) => digitFirst(v) && isDateTime(v),
  isDate,
  (v) => digitFirst(v) && isTime(v),
  (v) => v.includes('@') && EMAIL.test(v),
  (v) => digitFirst(v) && IPV4.test(v),
  (v) => v.includes(':') && isIpv6(v),
  (v) => (v.charCodeAt(0) | 32) === 104 && URI.test(v),
];

/** The most specific format left in `mask`, or undefined when the mask is empty. */
export function pickFormat(mask: number): StringFormat | undefined {
  for (let i = 0; i < FORMATS.length; i++) if (mask & (1 << i)) return FORMATS[i];
  return undefined;
}

function isDate(value: string): boolean {
  return value.length === 10 && isDateAt(value, 0);
}

/** `YYYY-MM-DD` at `at`, a real calendar day. Hand-written: this runs for every date sample. */
function isDateAt(value: string, at: number): boolean {
  const year = digitsAt(value, at, 4);
  const month = digitsAt(value, at + 5, 2);
  const day = digitsAt(value, at + 8, 2);
  if (year < 0 || month < 0 || day < 0 || value.charCodeAt(at + 4) !== 45 || value.charCodeAt(at + 7) !== 45) return false;
  return isValidDate(year, month, day);
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isTime(value: string): boolean {
  return isTimeAt(value, 0);
}

/**
 * `HH:MM:SS[.fraction](Z|±HH:MM)` from `at` to the end: a zone is required (Ajv 6 full mode and
 * ajv-formats reject a time without one), the fraction has 1 to 9 digits, no leap seconds.
 */
function isTimeAt(value: string, at: number): boolean {
  const hour = digitsAt(value, at, 2);
  const minute = digitsAt(value, at + 3, 2);
  const second = digitsAt(value, at + 6, 2);
  if (hour < 0 || minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 59) return false;
  if (value.charCodeAt(at + 2) !== 58 || value.charCodeAt(at + 5) !== 58) return false;
  let i = at + 8;
  if (value.charCodeAt(i) === 46) {
    let n = 0;
    while (isDigit(value.charCodeAt(i + 1 + n))) n++;
    if (n < 1 || n > 9) return false;
    i += 1 + n;
  }
  const zone = value.charCodeAt(i);
  if ((zone === 90 || zone === 122) && i + 1 === value.length) return true;
  if (zone !== 43 && zone !== 45) return false;
  const zh = digitsAt(value, i + 1, 2);
  const zm = digitsAt(value, i + 4, 2);
  return i + 6 === value.length && value.charCodeAt(i + 3) === 58 && zh >= 0 && zh <= 23 && zm >= 0 && zm <= 59;
}

function isDateTime(value: string): boolean {
  const t = value.charCodeAt(10);
  return value.length > 19 && (t === 84 || t === 116) && isDateAt(value, 0) && isTimeAt(value, 11);
}

/** The number written by `count` digits at `at`, or -1 when they are not all digits. */
function digitsAt(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = value.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Plain hexadecimal IPv6 (no zone id, no embedded IPv4: the forms every validator agrees on). */
function isIpv6(value: string): boolean {
  return /^[0-9a-f:]+$/i.test(value) && isIPv6(value);
}
