// The API reference as data: endpoint models and their recorded examples arranged for a reader
// (by origin and resource), with the text each entry is found by. Pure and deterministic.
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { findEndpoint } from '../assertions/infer.js';
import type { Endpoint, LatencyStats, ParameterModel } from '../assertions/types.js';
import { isAcceptedExchange, type Exchange } from '../cassette/types.js';
import { exampleBody, type ExampleBody } from '../collection/example-body.js';
import { fieldRows, type FieldRow } from '../collection/field-rows.js';
import { nameRequest } from '../collection/names.js';

/** A cassette the reference was built from, as its header describes it. */
export interface DocsCassette {
  name: string;
  /** The header's `createdAt`: deterministic for a given cassette. */
  createdAt?: string;
  /** The reverse-proxy target, as an origin. */
  target?: string;
  exchanges: number;
}

export interface DocsInput {
  title: string;
  cassettes: DocsCassette[];
  /** Inferred from `exchanges`. */
  endpoints: Endpoint[];
  /** Every exchange, in recorded order (already redacted: they come from cassettes). */
  exchanges: Exchange[];
}

export interface DocsResponse {
  status: number;
  statusText: string;
  samples: number;
  contentTypes: string[];
  bodyKinds: string[];
  size: { min: number; max: number };
  latency: LatencyStats;
  fields: FieldRow[];
  schemaCapped: boolean;
  /** The first recorded body with this status (recorded flows before accepted replays). */
  example?: ExampleBody;
}

export interface DocsEndpoint {
  /** HTML id, stable for the endpoint key. */
  anchor: string;
  key: string;
  method: string;
  origin: string;
  template: string;
  /** A readable name: `Create user`. */
  name: string;
  samples: number;
  failures: number;
  pathParams: ParameterModel[];
  queryParams: ParameterModel[];
  /** The first recorded request line (path and query) and body. */
  request?: { target: string; body?: ExampleBody };
  responses: DocsResponse[];
  /** Lower-case text the search matches: method, template, name, statuses, parameters, fields and their formats. */
  search: string;
}

export interface DocsGroup {
  origin: string;
  /** First literal path segment that is not a version prefix (`users` for `/v1/users/:id`). */
  resource: string;
  endpoints: DocsEndpoint[];
}

export interface DocsPage {
  title: string;
  cassettes: DocsCassette[];
  origins: string[];
  exchanges: number;
  groups: DocsGroup[];
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Arranges the reference: groups sorted by origin and resource, endpoints by template and method. */
export function buildDocsPage(input: DocsInput): DocsPage {
  const samples = samplesByEndpoint(input.endpoints, input.exchanges);
  const groups = new Map<string, DocsGroup>();
  for (const endpoint of [...input.endpoints].sort(byTemplateAndMethod)) {
    const resource = resourceOf(endpoint.template);
    const id = `${endpoint.origin} ${resource}`;
    const group = groups.get(id) ?? { origin: endpoint.origin, resource, endpoints: [] };
    group.endpoints.push(documentEndpoint(endpoint, samples.get(endpoint.key) ?? []));
    groups.set(id, group);
  }
  return {
    title: input.title,
    cassettes: input.cassettes,
    origins: [...new Set(input.endpoints.map((e) => e.origin))].sort(),
    exchanges: input.exchanges.length,
    groups: [...groups.values()].sort((a, b) => compare(a.origin, b.origin) || compare(a.resource, b.resource)),
  };
}

function documentEndpoint(endpoint: Endpoint, exchanges: Exchange[]): DocsEndpoint {
  const ordered = [...exchanges.filter((e) => !isAcceptedExchange(e)), ...exchanges.filter(isAcceptedExchange)];
  const responses = endpoint.responses.map((model): DocsResponse => {
    const sample = ordered.find((e) => e.response?.status === model.status)?.response;
    return {
      status: model.status,
      statusText: STATUS_CODES[model.status] ?? '',
      samples: model.samples,
      contentTypes: model.contentTypes,
      bodyKinds: model.bodyKinds,
      size: model.size,
      latency: model.latency,
      fields: fieldRows(model),
      schemaCapped: model.schemaCapped === true,
      ...(sample ? { example: exampleBody(sample.body, sample.headers, { pretty: true }) } : {}),
    };
  });
  const name = nameRequest(endpoint.method, endpoint.template);
  const first = ordered[0];
  return {
    anchor: `ep-${createHash('sha256').update(endpoint.key).digest('hex').slice(0, 12)}`,
    key: endpoint.key,
    method: endpoint.method.toUpperCase(),
    origin: endpoint.origin,
    template: endpoint.template,
    name,
    samples: endpoint.samples,
    failures: endpoint.failures ?? 0,
    pathParams: endpoint.pathParams,
    queryParams: endpoint.queryParams,
    ...(first ? { request: requestExample(first) } : {}),
    responses,
    search: [
      endpoint.method,
      endpoint.template,
      endpoint.origin,
      name,
      ...responses.map((r) => `${r.status} ${r.statusText} ${r.contentTypes.join(' ')}`),
      ...endpoint.pathParams.map((p) => p.name),
      ...endpoint.queryParams.map((p) => p.name),
      ...responses.flatMap((r) => r.fields.map((f) => (f.format ? `${f.pointer} ${f.format}` : f.pointer))),
    ].join(' ').toLowerCase(),
  };
}

function requestExample(exchange: Exchange): { target: string; body?: ExampleBody } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(exchange.request.url);
  const target = match?.[1] || '/';
  const { body, headers } = exchange.request;
  return body.kind === 'none' || body.kind === 'empty' ? { target } : { target, body: exampleBody(body, headers, { pretty: true }) };
}

/** endpoint key → its exchanges in recorded order; lookups cached per method and path. */
function samplesByEndpoint(endpoints: Endpoint[], exchanges: readonly Exchange[]): Map<string, Exchange[]> {
  const out = new Map<string, Exchange[]>();
  const cache = new Map<string, string | undefined>();
  for (const exchange of exchanges) {
    const { method, url } = exchange.request;
    const lookup = `${method.toUpperCase()} ${url.split('?')[0]}`;
    if (!cache.has(lookup)) cache.set(lookup, findEndpoint(endpoints, method, url)?.endpoint.key);
    const key = cache.get(lookup);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(exchange);
    else out.set(key, [exchange]);
  }
  return out;
}

function resourceOf(template: string): string {
  const literal = template.split('/').filter((s) => s !== '' && !s.startsWith(':'));
  return literal.find((s) => !/^v\d+(\.\d+)*$/i.test(s) && s !== 'api') ?? literal[0] ?? '/';
}

function byTemplateAndMethod(a: Endpoint, b: Endpoint): number {
  return compare(a.origin, b.origin) || compare(a.template, b.template) || methodRank(a.method) - methodRank(b.method) || compare(a.method, b.method);
}

function methodRank(method: string): number {
  const index = METHOD_ORDER.indexOf(method.toUpperCase());
  return index === -1 ? METHOD_ORDER.length : index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
