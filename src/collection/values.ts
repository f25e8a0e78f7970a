// The values an exchange carries that may travel between requests (ids, tokens, redacted secrets):
// where a response produced them and where a request sent them, each with a comparable identity.
import { bodyJson } from '../cassette/body.js';
import { PLACEHOLDER_PATTERN } from '../cassette/redact.js';
import type { Exchange } from '../cassette/types.js';

/** `s:<hash6>` for a redacted secret (same secret, same identity), `v:<text>` for a plain value. */
export type Identity = string;

/** Where a response holds a value, as a test script can read it back at replay time. */
export type ValueSource =
  | { kind: 'body'; path: Array<string | number> }
  | { kind: 'location'; header: string; segment: number }
  | { kind: 'header'; header: string; prefix: string }
  | { kind: 'cookie'; name: string };

export interface Produced {
  identity: Identity;
  source: ValueSource;
  /** The value as recorded (a placeholder for secrets). */
  recorded: string;
  /** The JSON key, header or cookie name that held it: names the variable. */
  key: string;
  secret: boolean;
}

/** Where a request sent a value, so that it can be replaced by a variable. */
export type SentLocation =
  | { kind: 'path'; index: number }
  | { kind: 'query'; index: number }
  /** A whole header value, or (with `prefix`) the credential after an auth scheme (`Bearer `). */
  | { kind: 'header'; index: number; name: string; prefix?: string }
  | { kind: 'body'; path: Array<string | number> };

export interface Sent {
  identity: Identity;
  location: SentLocation;
  recorded: string;
}

const MAX_NODES = 5_000;
/** Request headers whose values are about the transport or the client, never ids to chain. */
const PLUMBING_HEADERS = new Set([
  'host', 'content-length', 'content-type', 'date', 'user-agent', 'accept', 'accept-encoding', 'accept-language',
  'connection', 'keep-alive', 'transfer-encoding', 'cache-control', 'pragma', 'origin', 'referer',
]);
const PLAIN = /^[^\s"\\{}<>`|^%]{3,512}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SINGLE_PLACEHOLDER = /^<redacted:[a-z0-9_.-]+:([0-9a-f]{6})>$/;

/** The identity of a recorded string: secrets by their hash, other values as themselves. */
export function identityOf(text: string): Identity {
  const secret = SINGLE_PLACEHOLDER.exec(text);
  return secret ? `s:${secret[1]}` : `v:${text}`;
}

/**
 * Whether a plain (not redacted) value is distinctive enough to be recognised when sent back: ids
 * and tokens yes (a digit or 16+ characters, nothing a JSON string or a URL would have to escape),
 * words, names and small numbers no.
 */
export function isDistinctive(value: unknown, key: string): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && (Math.abs(value) >= 100 || /id$/i.test(key));
  if (typeof value !== 'string' || !PLAIN.test(value)) return false;
  return UUID.test(value) || /\d/.test(value) || value.length >= 16;
}

/** Values a response produced, shortest JSON paths first (the variable then reads the simplest one). */
export function producedValues(exchange: Exchange): Produced[] {
  const out: Produced[] = [];
  const response = exchange.response;
  if (!response) return out;
  const json = bodyJson(response.body);
  if (json.ok) {
    const leaves: Array<{ path: Array<string | number>; value: unknown; key: string }> = [];
    walkLeaves(json.value, [], '', leaves, { nodes: 0 });
    leaves.sort((a, b) => a.path.length - b.path.length);
    for (const leaf of leaves) {
      const text = typeof leaf.value === 'number' ? String(leaf.value) : (leaf.value as string);
      const secret = typeof leaf.value === 'string' && SINGLE_PLACEHOLDER.test(leaf.value);
      if (secret || isDistinctive(leaf.value, leaf.key)) {
        out.push({ identity: identityOf(text), source: { kind: 'body', path: leaf.path }, recorded: text, key: leaf.key, secret });
      }
    }
  }
  for (const [name, value] of response.headers) out.push(...headerValues(name, value));
  return out;
}

function headerValues(name: string, value: string): Produced[] {
  const lower = name.toLowerCase();
  if (lower === 'location' || lower === 'content-location') {
    const path = value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '').split(/[?#]/)[0] ?? '';
    return path.split('/').flatMap((raw, segment) => {
      const text = safeDecode(raw);
      if (!isDistinctive(text, '')) return [];
      return [{ identity: identityOf(text), source: { kind: 'location', header: name, segment }, recorded: text, key: lower, secret: false } as Produced];
    });
  }
  if (lower === 'set-cookie') {
    const pair = /^\s*([^=;\s]+)=([^;]*)/.exec(value);
    if (!pair || !SINGLE_PLACEHOLDER.test(pair[2]!.trim())) return [];
    const text = pair[2]!.trim();
    return [{ identity: identityOf(text), source: { kind: 'cookie', name: pair[1]! }, recorded: text, key: pair[1]!, secret: true }];
  }
  const scheme = /^((?:[A-Za-z]+ )?)(<redacted:[a-z0-9_.-]+:[0-9a-f]{6}>)$/.exec(value);
  if (!scheme) return [];
  return [{ identity: identityOf(scheme[2]!), source: { kind: 'header', header: name, prefix: scheme[1]! }, recorded: scheme[2]!, key: lower, secret: true }];
}

/** Values a request sent in its path, query, headers (whole values) and JSON body. */
export function sentValues(exchange: Exchange): Sent[] {
  const out: Sent[] = [];
  const { pathSegments, query } = splitUrl(exchange.request.url);
  pathSegments.forEach((raw, index) => {
    const text = safeDecode(raw);
    if (text !== '') out.push({ identity: identityOf(text), location: { kind: 'path', index }, recorded: text });
  });
  query.forEach(([, raw], index) => {
    const text = safeDecode(raw.replace(/\+/g, ' '));
    if (text !== '') out.push({ identity: identityOf(text), location: { kind: 'query', index }, recorded: text });
  });
  exchange.request.headers.forEach(([name, value], index) => {
    if (PLUMBING_HEADERS.has(name.toLowerCase())) return;
    out.push({ identity: identityOf(value), location: { kind: 'header', index, name }, recorded: value });
    const scheme = /^([A-Za-z]+ )(\S+)$/.exec(value);
    if (scheme) out.push({ identity: identityOf(scheme[2]!), location: { kind: 'header', index, name, prefix: scheme[1]! }, recorded: scheme[2]! });
  });
  const json = bodyJson(exchange.request.body);
  if (json.ok) {
    const leaves: Array<{ path: Array<string | number>; value: unknown; key: string }> = [];
    walkLeaves(json.value, [], '', leaves, { nodes: 0 });
    for (const leaf of leaves) {
      if (typeof leaf.value !== 'string' && typeof leaf.value !== 'number') continue;
      const text = String(leaf.value);
      out.push({ identity: identityOf(text), location: { kind: 'body', path: leaf.path }, recorded: text });
    }
  }
  return out;
}

/** A redacted secret a request carries, and where: `header` secrets are credentials (a login's token). */
export interface SentSecret {
  identity: Identity;
  placeholder: string;
  rule: string;
  where: 'url' | 'header' | 'body';
}

/** Every redacted secret a request carries anywhere (URL, headers, body text). */
export function sentSecrets(exchange: Exchange): SentSecret[] {
  const { url, headers, body } = exchange.request;
  const texts: Array<[SentSecret['where'], string]> = [
    ['url', safeDecode(url)],
    ...headers.map(([, v]): [SentSecret['where'], string] => ['header', v]),
    ['body', JSON.stringify(body)],
    ['body', body.kind === 'text' ? safeDecode(body.text.replace(/\+/g, ' ')) : ''],
  ];
  const out: SentSecret[] = [];
  for (const [where, text] of texts) {
    for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
      if (out.some((s) => s.where === where && s.placeholder === match[0])) continue;
      out.push({ identity: `s:${match[2]}`, placeholder: match[0], rule: match[1]!, where });
    }
  }
  return out;
}

/** The raw (still percent-encoded) path segments and query pairs of a URL, in order. */
export function splitUrl(url: string): { origin: string; pathSegments: string[]; query: Array<[string, string]>; hash: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  const path = match?.[2] ?? '';
  const search = (match?.[3] ?? '').slice(1);
  const query = search === '' ? [] : search.split('&').map((pair): [string, string] => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
  return { origin: match?.[1] ?? '', pathSegments: path.split('/').slice(1), query, hash: match?.[4] ?? '' };
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function walkLeaves(
  value: unknown,
  path: Array<string | number>,
  key: string,
  out: Array<{ path: Array<string | number>; value: unknown; key: string }>,
  budget: { nodes: number },
): void {
  budget.nodes += 1;
  if (budget.nodes > MAX_NODES) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkLeaves(item, [...path, index], key, out, budget));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkLeaves(v, [...path, k], k, out, budget);
  } else {
    out.push({ path, value, key });
  }
}
