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
 * The checks are written out (not a table of functions) so V8 can inline them: this runs for
 * every string of every body.
 */
export function matchFormats(value: string, candidates = ALL_FORMATS): number {
  if (value.length === 0 || value.length > MAX_FORMAT_LENGTH) return 0;
  let mask = 0;
  if (candidates & UUID_BIT && value.length === 36 && UUID.test(value)) mask |= UUID_BIT;
  if (candidates & DATE_TIME_BIT && digitFirst(value) && isDateTime(value)) mask |= DATE_TIME_BIT;
  if (candidates & DATE_BIT && isDate(value)) mask |= DATE_BIT;
  if (candidates & TIME_BIT && digitFirst(value) && isTime(value)) mask |= TIME_BIT;
  if (candidates & EMAIL_BIT && value.includes('@') && EMAIL.test(value)) mask |= EMAIL_BIT;
  if (candidates & IPV4_BIT && digitFirst(value) && IPV4.test(value)) mask |= IPV4_BIT;
  if (candidates & IPV6_BIT && value.includes(':') && isIpv6(value)) mask |= IPV6_BIT;
  if (candidates & URI_BIT && (value.charCodeAt(0) | 32) === 104 && URI.test(value)) mask |= URI_BIT;
  return mask;
}

const bitOf = (format: StringFormat): number => 1 << FORMATS.indexOf(format);
const UUID_BIT = bitOf('uuid');
const DATE_TIME_BIT = bitOf('date-time');
const DATE_BIT = bitOf('date');
const TIME_BIT = bitOf('time');
const EMAIL_BIT = bitOf('email');
const IPV4_BIT = bitOf('ipv4');
const IPV6_BIT = bitOf('ipv6');
const URI_BIT = bitOf('uri');

function digitFirst(value: string): boolean {
  const c = value.charCodeAt(0);
  return c >= 48 && c <= 57;
}

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
  const year = fourDigitsAt(value, at);
  const month = twoDigitsAt(value, at + 5);
  const day = twoDigitsAt(value, at + 8);
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
  const hour = twoDigitsAt(value, at);
  const minute = twoDigitsAt(value, at + 3);
  const second = twoDigitsAt(value, at + 6);
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
  const zh = twoDigitsAt(value, i + 1);
  const zm = twoDigitsAt(value, i + 4);
  return i + 6 === value.length && value.charCodeAt(i + 3) === 58 && zh >= 0 && zh <= 23 && zm >= 0 && zm <= 59;
}

function isDateTime(value: string): boolean {
  const t = value.charCodeAt(10);
  return value.length > 19 && (t === 84 || t === 116) && isDateAt(value, 0) && isTimeAt(value, 11);
}

/** The number written by the two digits at `at`, or -1 when they are not both digits (or past the end). */
function twoDigitsAt(value: string, at: number): number {
  const high = value.charCodeAt(at) - 48;
  const low = value.charCodeAt(at + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1; // NaN past the end fails both tests
}

/** Like twoDigitsAt for four digits. */
function fourDigitsAt(value: string, at: number): number {
  const high = twoDigitsAt(value, at);
  const low = twoDigitsAt(value, at + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Plain hexadecimal IPv6 (no zone id, no embedded IPv4: the forms every validator agrees on). */
function isIpv6(value: string): boolean {
  return /^[0-9a-f:]+$/i.test(value) && isIPv6(value);
}
