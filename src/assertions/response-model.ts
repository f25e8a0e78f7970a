// Per-status accumulation of responses (content types, body kinds, sizes, latency, merged JSON
// shape, selected headers) and its conversion into the ResponseModel later stages read.
import { bodyJson } from '../cassette/body.js';
import { isJsonMediaType, mediaType } from '../cassette/headers.js';
import type { Body, Exchange, Header } from '../cassette/types.js';
import type { ResponseModel } from './types.js';
import { addDistinct, createDistinctSet, distinctKey, mergeDistinct, smallestValues, type DistinctSet } from './distinct-set.js';
import { collectEvidence } from './evidence.js';
import { addLatency, createLatency, latencyStats, mergeLatency, type LatencyAccumulator } from './latency.js';
import { emitRootSchema, type EmitOptions } from './schema-emit.js';
import { addValue, createShape, mergeShapes, type ShapeNode } from './shape.js';

/** Response headers whose values are kept (the rest are too volatile or too personal to matter). */
export const KEPT_HEADERS = [
  'access-control-allow-origin',
  'allow',
  'cache-control',
  'content-encoding',
  'content-type',
  'strict-transport-security',
  'vary',
  'x-content-type-options',
  'x-frame-options',
];
const KEPT = new Set(KEPT_HEADERS);
const HEADER_VALUES_CAP = 10;
const CONTENT_TYPES_CAP = 16;

export interface ResponseAccumulator {
  status: number;
  samples: number;
  contentTypes: Set<string>;
  bodyKinds: Set<string>;
  sizeMin: number;
  sizeMax: number;
  latency: LatencyAccumulator;
  /** The merged shape of every JSON body; undefined until one arrives. */
  shape: ShapeNode | undefined;
  /** Bodies labelled JSON that did not parse (invalid UTF-8, broken JSON, truncated). */
  unparseable: number;
  headers: Map<string, DistinctSet>;
}

export function createResponseAccumulator(status: number): ResponseAccumulator {
  return {
    status,
    samples: 0,
    contentTypes: new Set(),
    bodyKinds: new Set(),
    sizeMin: Infinity,
    sizeMax: 0,
    latency: createLatency(),
    shape: undefined,
    unparseable: 0,
    headers: new Map(),
  };
}

/** Records the response of `exchange` (which must have one). */
export function addResponse(acc: ResponseAccumulator, exchange: Exchange): void {
  const response = exchange.response;
  if (!response) return;
  acc.samples += 1;
  const type = mediaTypeOf(addHeaders(acc, response.headers));
  if (type && (acc.contentTypes.size < CONTENT_TYPES_CAP || acc.contentTypes.has(type))) acc.contentTypes.add(type);
  acc.bodyKinds.add(response.body.kind);
  const size = response.body.kind === 'none' ? 0 : response.body.size;
  acc.sizeMin = Math.min(acc.sizeMin, size);
  acc.sizeMax = Math.max(acc.sizeMax, size);
  addLatency(acc.latency, exchange.timings.durationMs);
  addBody(acc, response.body, type);
}

/** Merges the JSON value of a body into the shape: `json` bodies, or bodies whose media type says JSON. */
function addBody(acc: ResponseAccumulator, body: Body, type: string | undefined): void {
  if (body.kind === 'json') {
    addValue((acc.shape ??= createShape()), body.value);
    return;
  }
  if (!isJsonMediaType(type) || (body.kind !== 'text' && body.kind !== 'binary')) return;
  const parsed = bodyJson(body);
  if (parsed.ok) addValue((acc.shape ??= createShape()), parsed.value);
  else acc.unparseable += 1; // invalid UTF-8, broken JSON, truncated
}

/** Records the kept headers; returns the first `Content-Type` value (one pass over the headers). */
function addHeaders(acc: ResponseAccumulator, headers: readonly Header[]): string | undefined {
  let contentType: string | undefined;
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as Header;
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType ??= value;
    if (!KEPT.has(lower)) continue;
    let set = acc.headers.get(lower);
    if (!set) acc.headers.set(lower, (set = createDistinctSet(HEADER_VALUES_CAP)));
    addDistinct(set, distinctKey(value));
  }
  return contentType;
}

let lastContentType: string | undefined;
let lastMediaType: string | undefined;

/** mediaType() of a `Content-Type` value, remembered for the last value (responses mostly repeat it). */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  if (contentType !== lastContentType) {
    lastMediaType = mediaType([['content-type', contentType]]);
    lastContentType = contentType;
  }
  return lastMediaType;
}

/** Merges `from` into `into` (same status). */
export function mergeResponse(into: ResponseAccumulator, from: ResponseAccumulator): void {
  into.samples += from.samples;
  for (const type of from.contentTypes) if (into.contentTypes.size < CONTENT_TYPES_CAP) into.contentTypes.add(type);
  for (const kind of from.bodyKinds) into.bodyKinds.add(kind);
  into.sizeMin = Math.min(into.sizeMin, from.sizeMin);
  into.sizeMax = Math.max(into.sizeMax, from.sizeMax);
  mergeLatency(into.latency, from.latency);
  if (from.shape) mergeShapes((into.shape ??= createShape()), from.shape);
  into.unparseable += from.unparseable;
  for (const [name, set] of from.headers) {
    const target = into.headers.get(name);
    if (target) mergeDistinct(target, set);
    else {
      const copy = createDistinctSet(set.cap);
      mergeDistinct(copy, set);
      into.headers.set(name, copy);
    }
  }
}

/** The finished model of one status. */
export function finishResponse(acc: ResponseAccumulator, options: EmitOptions): ResponseModel {
  const headers: Record<string, string[]> = {};
  for (const name of [...acc.headers.keys()].sort()) {
    headers[name] = smallestValues(acc.headers.get(name) as DistinctSet).map(String);
  }
  const model: ResponseModel = {
    status: acc.status,
    samples: acc.samples,
    contentTypes: [...acc.contentTypes].sort(),
    bodyKinds: [...acc.bodyKinds].sort(),
    size: { min: acc.samples > 0 ? acc.sizeMin : 0, max: acc.sizeMax },
    latency: latencyStats(acc.latency),
    fields: acc.shape ? collectEvidence(acc.shape) : [],
    headers,
  };
  if (acc.shape) model.schema = emitRootSchema(acc.shape, options);
  if (acc.unparseable > 0) model.unparseable = acc.unparseable;
  if (acc.shape && hasCap(acc.shape)) model.schemaCapped = true;
  return model;
}

function hasCap(node: ShapeNode): boolean {
  if (node.capped) return true;
  if (node.items && hasCap(node.items)) return true;
  if (node.mapValues && hasCap(node.mapValues)) return true;
  for (const child of node.properties?.values() ?? []) if (hasCap(child)) return true;
  return false;
}
