// Redaction: the one function that replaces every secret in an exchange before anything is written.
import { createHash } from 'node:crypto';
import { setOwnProperty } from '../own-property.js';
import { mediaType } from './headers.js';
import type { Body, Exchange, Header, WebSocketRecord } from './types.js';

/**
 * What counts as a secret. Defaults (`DEFAULT_REDACTION`) can be extended or trimmed by config. A rule
 * set is read as immutable once used (its verdicts on names are remembered): build a new one to change it.
 */
export interface RedactionRules {
  /** Header names (lower-case) whose values are always secret. */
  headers: string[];
  /** Field, query-parameter and form-field names (lower-case) that are always secret. */
  fields: string[];
  /** Names (lower-case) that look secret but are not (`token_type`); never redacted. */
  keep: string[];
  /** Also treat any name matching the built-in secret-name pattern as secret. */
  namePattern: boolean;
  /** Redact JSON Web Tokens wherever they appear. */
  jwt: boolean;
}

export const DEFAULT_REDACTION: RedactionRules = {
  headers: ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-csrf-token', 'x-xsrf-token'],
  fields: ['key', 'sig', 'signature'],
  keep: ['token_type', 'tokentype', 'www-authenticate', 'access-control-allow-credentials', 'x-ratelimit-reset', 'idempotency-key', 'sec-websocket-key'],
  namePattern: true,
  jwt: true,
};

const SECRET_NAME =
  /(passw(or)?d|passphrase|pwd$|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key|authori[sz]ation|credential|session[-_]?id|sessid|^auth$|^x[-_]auth)/i;
const NOT_SECRET_SUFFIX = /(_type|type|_count|count|_expires?|_expires_in|expires_in|_at|_url|_uri|_length|_ttl)$/i;
/** Headers whose values are URLs (or lists of them): their query strings can carry secrets. */
const URL_HEADERS = new Set(['location', 'content-location', 'referer', 'origin', 'link']);
/** Header names ending in `-key` are credentials (`Ocp-Apim-Subscription-Key`); JSON fields are not. */
const KEY_HEADER = /(^|-)key$/;
/** Deeper JSON than this is redacted lexically rather than walked (no stack overflow). */
const MAX_DEPTH = 512;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/** `<redacted:<rule>:<hash6>>`; the hash is of the secret alone, so it matches across rules. */
export const PLACEHOLDER_PATTERN = /<redacted:([a-z0-9_.-]+):([0-9a-f]{6})>/g;

export function isPlaceholder(value: string): boolean {
  return /^<redacted:[a-z0-9_.-]+:[0-9a-f]{6}>$/.test(value);
}

/** The deterministic placeholder for `secret` found under `rule` (a header or field name). */
export function redactionPlaceholder(rule: string, secret: string): string {
  const hash = createHash('sha256').update(secret).digest('hex').slice(0, 6);
  const name = rule.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').slice(0, 40) || 'secret';
  return `<redacted:${name}:${hash}>`;
}

/** Returns a copy of `exchange` with every secret replaced by its placeholder. Pure. */
export function redactExchange(exchange: Exchange, rules: RedactionRules = DEFAULT_REDACTION): Exchange {
  const r = new Redactor(rules);
  const out: Exchange = {
    ...exchange,
    request: {
      ...exchange.request,
      url: r.url(exchange.request.url),
      headers: r.headers(exchange.request.headers),
      body: r.body(exchange.request.body, mediaType(exchange.request.headers)),
    },
    response: exchange.response && {
      ...exchange.response,
      headers: r.headers(exchange.response.headers),
      body: r.body(exchange.response.body, mediaType(exchange.response.headers)),
    },
  };
  if (exchange.failure) out.failure = { ...exchange.failure, message: r.text(exchange.failure.message) };
  if (exchange.websocket) out.websocket = r.webSocket(exchange.websocket);
  if (exchange.note !== undefined) out.note = r.text(exchange.note);
  return out;
}

/** Names seen per rule set and whether they are secret: the same few names come in every exchange. */
const verdicts = new WeakMap<RedactionRules, Map<string, boolean>>();
const MAX_VERDICTS = 10_000;

class Redactor {
  private readonly verdicts: Map<string, boolean>;

  constructor(private readonly rules: RedactionRules) {
    let known = verdicts.get(rules);
    if (!known) verdicts.set(rules, (known = new Map()));
    this.verdicts = known;
  }

  isSecretName(name: string): boolean {
    let verdict = this.verdicts.get(name);
    if (verdict === undefined) {
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear(); // names from data (JSON keys) are unbounded
      verdict = this.judgeName(name.toLowerCase());
      this.verdicts.set(name, verdict);
    }
    return verdict;
  }

  private judgeName(lower: string): boolean {
    if (this.rules.keep.includes(lower)) return false;
    if (this.rules.fields.includes(lower) || this.rules.headers.includes(lower)) return true;
    return this.rules.namePattern && SECRET_NAME.test(lower) && !NOT_SECRET_SUFFIX.test(lower);
  }

  /** Replaces JWTs (and already-known placeholders stay as they are) inside free text. */
  text(value: string): string {
    if (!this.rules.jwt || !value.includes('eyJ')) return value; // every JWT starts so: skips the regex for most values
    return value.replace(JWT, (jwt) => redactionPlaceholder('jwt', jwt));
  }

  secret(rule: string, value: string): string {
    if (value === '' || isPlaceholder(value)) return value;
    return redactionPlaceholder(rule, value);
  }

  headers(headers: Header[]): Header[] {
    return headers.map(([name, value]) => [name, this.header(name, value)]);
  }

  header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === 'cookie') return this.cookiePairs(value, '; ');
    if (lower === 'set-cookie') return value.split(/\n|,\s*(?=[A-Za-z0-9_.!#$%&'*+^`|~-]+=)/).map((c) => this.setCookie(c)).join('\n');
    if (lower === 'sec-websocket-protocol') return value.replace(/[^,\s]+/g, (protocol) => this.subprotocol(protocol));
    if (URL_HEADERS.has(lower)) return lower === 'link' ? value.replace(/<([^>]*)>/g, (_, u: string) => `<${this.urlish(u)}>`) : this.urlish(value);
    if (!this.isSecretName(lower) && !(KEY_HEADER.test(lower) && !this.rules.keep.includes(lower))) return this.text(value);
    const scheme = /^(Bearer|Basic|Token|Digest|Bot|ApiKey)\s+(.+)$/i.exec(value);
    if (scheme) return `${scheme[1]} ${this.secret(lower, scheme[2]!)}`;
    return this.secret(lower, value);
  }

  /**
   * One WebSocket subprotocol. Browsers cannot set headers on a WebSocket, so some APIs carry the
   * credential as a subprotocol (Kubernetes: `base64url.bearer.authorization.k8s.io.<token>`): a
   * protocol naming a bearer, token or auth gets its last dotted part (or all of it) redacted.
   */
  subprotocol(protocol: string): string {
    if (!/bearer|token|auth/i.test(protocol)) return this.text(protocol);
    const dot = protocol.lastIndexOf('.');
    return dot > 0 && dot < protocol.length - 1
      ? `${protocol.slice(0, dot + 1)}${this.secret('sec-websocket-protocol', protocol.slice(dot + 1))}`
      : this.secret('sec-websocket-protocol', protocol);
  }

  /** One `Set-Cookie` line: the cookie's value redacted, its attributes kept. */
  setCookie(line: string): string {
    const [pair = '', ...attributes] = line.split(';');
    return [this.cookiePairs(pair, ''), ...attributes].join(';');
  }

  /** An absolute or path-relative URL (`/cb?token=…`), its secrets redacted, in the same form. */
  urlish(value: string): string {
    if (!value.startsWith('/') || value.startsWith('//')) return this.url(value);
    const redacted = this.url(`http://relative.invalid${value}`);
    return redacted.startsWith('http://relative.invalid') ? redacted.slice('http://relative.invalid'.length) : this.text(value);
  }

  /** `a=1; b=2` → each value redacted under its cookie's name; names stay readable. */
  cookiePairs(value: string, separator: string): string {
    return value
      .split(';')
      .map((part) => {
        const eq = part.indexOf('=');
        if (eq < 0) return part.trim();
        const name = part.slice(0, eq).trim();
        return `${name}=${this.secret(name, part.slice(eq + 1).trim())}`;
      })
      .join(separator || '; ');
  }

  url(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return this.text(raw);
    }
    if (url.username || url.password) {
      url.username = url.username && this.secret('userinfo', decodeURIComponent(url.username));
      url.password = url.password && this.secret('userinfo', decodeURIComponent(url.password));
    }
    if (url.search === '') return url.toString();
    const params = [...url.searchParams];
    if (params.some(([name, value]) => this.isSecretName(name) || this.text(value) !== value)) {
      url.search = new URLSearchParams(params.map(([n, v]): [string, string] => [n, this.field(n, v)])).toString();
    }
    return url.toString();
  }

  field(name: string, value: string): string {
    return this.isSecretName(name) ? this.secret(name, value) : this.text(value);
  }

  body(body: Body, type: string | undefined): Body {
    if (body.kind === 'json') {
      try {
        return { ...body, value: this.json(body.value, undefined, 0) };
      } catch {
        const { value, ...meta } = body; // nested too deep to walk: keep it as redacted text
        return { ...meta, kind: 'text', text: this.lexical(JSON.stringify(value)) };
      }
    }
    if (body.kind !== 'text') return body;
    if (body.truncated) return { ...body, text: this.lexical(body.text) }; // a prefix: not parseable
    if (type === 'application/x-www-form-urlencoded') {
      const params = [...new URLSearchParams(body.text)];
      if (!params.some(([n]) => this.isSecretName(n))) return { ...body, text: this.text(body.text) };
      return { ...body, text: new URLSearchParams(params.map(([n, v]): [string, string] => [n, this.field(n, v)])).toString() };
    }
    const parsed = tryParse(body.text);
    if (parsed.ok) {
      try {
        const redacted = this.json(parsed.value, undefined, 0);
        if (JSON.stringify(redacted) !== JSON.stringify(parsed.value)) return { ...body, text: JSON.stringify(redacted, null, 2) };
        return { ...body, text: this.text(body.text) };
      } catch {
        return { ...body, text: this.lexical(body.text) }; // nested too deep to walk or re-serialise
      }
    }
    return { ...body, text: this.lexical(body.text) };
  }

  /**
   * Text messages are redacted like text bodies (secret-named JSON fields, JWTs, `name=value`
   * pairs); a JSON message stays compact. Binary, ping and pong payloads are kept as they are.
   */
  webSocket(record: WebSocketRecord): WebSocketRecord {
    const messages = record.messages.map((m) => (m.text === undefined ? m : { ...m, text: this.message(m.text, m.truncated === true) }));
    const close = record.close?.reason ? { ...record.close, reason: this.lexical(record.close.reason) } : record.close;
    return { ...record, messages, ...(close ? { close } : {}) };
  }

  private message(text: string, truncated: boolean): string {
    const parsed = truncated ? ({ ok: false } as const) : tryParse(text);
    if (!parsed.ok) return this.lexical(text);
    try {
      const redacted = this.json(parsed.value, undefined, 0);
      return JSON.stringify(redacted) === JSON.stringify(parsed.value) ? this.text(text) : JSON.stringify(redacted);
    } catch {
      return this.lexical(text); // nested too deep to walk or re-serialise
    }
  }

  /**
   * Redaction by pattern, for text that cannot be parsed (a truncated prefix, broken or too deeply
   * nested JSON, multipart): `"secretName": value` pairs (a value cut off by the end of the text is
   * redacted to the end), `secretName=value` form pairs, multipart fields and JWTs.
   */
  lexical(text: string): string {
    const pairs = /"((?:[^"\\]|\\.){1,200})"(\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|-?[0-9][0-9.eE+-]*)/g;
    const jsonPairs = text.replace(pairs, (all, key: string, colon: string, value: string) => {
      if (!this.isSecretName(key)) return all;
      const raw = value.startsWith('"') ? value.replace(/^"|"$/g, '') : value;
      return `"${key}"${colon}"${this.secret(key, raw)}"`;
    });
    const formPairs = jsonPairs.replace(/(^|[&?\s])([A-Za-z0-9_.[\]-]{1,100})=([^&\s"]*)/g, (all, lead: string, name: string, value: string) =>
      this.isSecretName(name) && value !== '' ? `${lead}${name}=${this.secret(name, decodeSafely(value))}` : all,
    );
    return this.textWithFormFields(formPairs);
  }

  /** Multipart and other text: redact `name="password"\r\n\r\nvalue` parts and JWTs. */
  textWithFormFields(text: string): string {
    const multipart = /(name="([^"]+)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^\r\n]*)/g;
    return this.text(text.replace(multipart, (all, head: string, name: string, value: string) =>
      this.isSecretName(name) ? `${head}${this.secret(name, value)}` : all,
    ));
  }

  /** Every scalar under a secret name is redacted (numbers too), strings elsewhere get the JWT check. */
  json(value: unknown, key: string | undefined, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new RangeError('JSON nested too deep to redact by walking');
    if (typeof value === 'string') return key !== undefined && this.isSecretName(key) ? this.secret(key, value) : this.text(value);
    if (typeof value === 'number') return key !== undefined && this.isSecretName(key) ? this.secret(key, String(value)) : value;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => this.json(item, key, depth + 1));
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(object)) setOwnProperty(out, k, this.json(object[k], k, depth + 1));
    return out;
  }
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

/** `url` with its secrets (user info, secret query parameters, JWTs) replaced: for log lines. */
export function redactUrl(url: string, rules: RedactionRules = DEFAULT_REDACTION): string {
  return new Redactor(rules).urlish(url);
}
