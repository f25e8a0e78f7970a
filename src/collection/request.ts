// The Postman request of one step: URL on `{{baseUrl}}`, headers and body as recorded, with chained
// values, path-parameter defaults and secrets replaced by `{{variables}}`.
import { bodyJson } from '../cassette/body.js';
import { mediaType } from '../cassette/headers.js';
import { PLACEHOLDER_PATTERN } from '../cassette/redact.js';
import type { Body, Exchange } from '../cassette/types.js';
import { pathDefaultKey, templateParams, type ChainPlan } from './chain.js';
import type { Step } from './steps.js';
import { identityOf, safeDecode, splitUrl, type Identity } from './values.js';

/** Request headers newman computes itself, or that would break replay elsewhere. */
const DROPPED_HEADERS = new Set([
  'host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'trailer',
  'proxy-connection', 'proxy-authorization', 'accept-encoding', 'http2-settings',
]);

export interface RequestContext {
  plan: ChainPlan;
  /** origin → base URL variable name. */
  origins: Map<string, string>;
}

/** A request in Postman v2.1 shape (plain JSON, later passed through the postman-collection SDK). */
export interface PostmanRequest {
  method: string;
  url: { raw: string; host: string[]; path: string[]; query?: Array<{ key: string; value: string }> };
  header: Array<{ key: string; value: string }>;
  body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' | 'text' } } };
  /** Why a body was left out (binary, truncated), for the item's description. */
  note?: string;
}

/** Builds the request of `steps[index]`, using variables only for values produced before it. */
export function buildRequest(step: Step, index: number, context: RequestContext): PostmanRequest {
  const lookup = (identity: Identity): string | undefined => variableFor(identity, index, context.plan);
  const { method, headers } = step.exchange.request;
  const header = headers
    .filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase()))
    .map(([key, value]) => ({ key, value: headerWithVariables(value, lookup) }));
  const body = buildBody(step.exchange, lookup);
  return { method: method.toUpperCase(), url: buildUrl(step, lookup, context), header, ...body };
}

/** A whole chained value, a chained credential after its scheme (`Bearer {{token}}`), or secrets replaced. */
function headerWithVariables(value: string, lookup: (id: Identity) => string | undefined): string {
  const whole = lookup(identityOf(value));
  if (whole) return `{{${whole}}}`;
  const scheme = /^([A-Za-z]+ )(\S+)$/.exec(value);
  const credential = scheme && !identityOf(scheme[2]!).startsWith('s:') ? lookup(identityOf(scheme[2]!)) : undefined;
  if (scheme && credential) return `${scheme[1]}{{${credential}}}`;
  return replaceSecrets(value, lookup);
}

function variableFor(identity: Identity, index: number, plan: ChainPlan): string | undefined {
  const chained = plan.chained.get(identity);
  if (chained && chained.producer < index) return chained.name;
  return plan.secrets.get(identity)?.name;
}

function buildUrl(step: Step, lookup: (id: Identity) => string | undefined, context: RequestContext): PostmanRequest['url'] {
  const { origin, pathSegments, query } = splitUrl(step.exchange.request.url);
  const base = context.origins.get(origin) ?? context.origins.get(normalizeOrigin(origin));
  const host = base ? `{{${base}}}` : origin;
  const params = templateParams(step);
  const path = pathSegments.map((raw, i) => {
    const value = safeDecode(raw);
    const chained = lookup(identityOf(value));
    if (chained) return `{{${chained}}}`;
    const param = params[i];
    const fallback = param ? context.plan.pathDefaults.get(pathDefaultKey(param, value)) : undefined;
    return fallback ? `{{${fallback.name}}}` : replaceEncodedSecrets(raw, lookup);
  });
  const pairs = query.map(([key, raw]) => {
    const chained = lookup(identityOf(safeDecode(raw.replace(/\+/g, ' '))));
    return { key, value: chained ? `{{${chained}}}` : replaceEncodedSecrets(raw, lookup) };
  });
  const search = pairs.length > 0 ? `?${pairs.map((p) => `${p.key}=${p.value}`).join('&')}` : '';
  return {
    raw: `${host}${path.length > 0 ? `/${path.join('/')}` : ''}${search}`,
    host: [host],
    path,
    ...(pairs.length > 0 ? { query: pairs } : {}),
  };
}

function buildBody(exchange: Exchange, lookup: (id: Identity) => string | undefined): Pick<PostmanRequest, 'body' | 'note'> {
  const body: Body = exchange.request.body;
  if (body.kind === 'none' || body.kind === 'empty') return {};
  if (body.truncated) return { note: `the recorded request body (${body.size} bytes) was truncated and is left out` };
  if (body.kind === 'binary') return { note: `the recorded request body is binary (${body.size} bytes) and is left out` };
  const json = bodyJson(body);
  // JSON kept as text (pretty-printed, huge numbers) is re-serialised only when a value in it is chained.
  if (json.ok && (body.kind === 'json' || hasVariableLeaf(json.value, lookup))) {
    return { body: raw(jsonWithVariables(json.value, lookup), 'json') };
  }
  const text = body.kind === 'text' ? body.text : '';
  const form = mediaType(exchange.request.headers) === 'application/x-www-form-urlencoded';
  return { body: raw(form ? replaceFormSecrets(text, lookup) : replaceSecrets(text, lookup), 'text') };
}

function raw(text: string, language: 'json' | 'text'): NonNullable<PostmanRequest['body']> {
  return { mode: 'raw', raw: text, options: { raw: { language } } };
}

/**
 * Pretty JSON of `value` where chained leaves become `"{{var}}"` (strings) or `{{var}}` (numbers,
 * which Postman substitutes before sending, so the wire body is valid JSON again).
 */
function jsonWithVariables(value: unknown, lookup: (id: Identity) => string | undefined): string {
  const marks: Array<{ mark: string; text: string }> = [];
  const mark = (leaf: unknown): unknown => {
    if (typeof leaf !== 'string' && typeof leaf !== 'number') return leaf;
    const name = lookup(identityOf(String(leaf)));
    if (!name) return leaf;
    const token = `\u0000apitape:${marks.length}\u0000`;
    marks.push({ mark: JSON.stringify(token), text: typeof leaf === 'string' ? `"{{${name}}}"` : `{{${name}}}` });
    return token;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return mark(node);
  };
  let text = JSON.stringify(walk(value), null, 2);
  for (const { mark: m, text: replacement } of marks) text = text.split(m).join(replacement);
  return replaceSecrets(text, lookup);
}

function hasVariableLeaf(value: unknown, lookup: (id: Identity) => string | undefined): boolean {
  if (Array.isArray(value)) return value.some((item) => hasVariableLeaf(item, lookup));
  if (value !== null && typeof value === 'object') return Object.values(value).some((item) => hasVariableLeaf(item, lookup));
  return (typeof value === 'string' || typeof value === 'number') && lookup(identityOf(String(value))) !== undefined && !isSecretText(value);
}

function isSecretText(value: unknown): boolean {
  return typeof value === 'string' && identityOf(value).startsWith('s:');
}

/** Replaces every known placeholder in plain text by `{{var}}`. */
export function replaceSecrets(text: string, lookup: (id: Identity) => string | undefined): string {
  return text.replace(PLACEHOLDER_PATTERN, (placeholder, _rule: string, hash: string) => {
    const name = lookup(`s:${hash}`);
    return name ? `{{${name}}}` : placeholder;
  });
}

/** Like `replaceSecrets` for percent-encoded text (URL parts): only the placeholders are decoded. */
function replaceEncodedSecrets(encoded: string, lookup: (id: Identity) => string | undefined): string {
  if (!/%3Credacted/i.test(encoded)) return encoded;
  return encoded.replace(/%3Credacted%3A([a-z0-9_.-]+)%3A([0-9a-f]{6})%3E/gi, (placeholder, _rule: string, hash: string) => {
    const name = lookup(`s:${hash.toLowerCase()}`);
    return name ? `{{${name}}}` : placeholder;
  });
}

function replaceFormSecrets(text: string, lookup: (id: Identity) => string | undefined): string {
  return replaceSecrets(replaceEncodedSecrets(text, lookup), lookup);
}

function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
