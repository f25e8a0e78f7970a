// The streamed accumulator behind a merged schema: one node per JSON position, fed one value at a
// time and mergeable with another node, so inference never holds the samples themselves.
import { addDistinct, createDistinctSet, distinctKey, mergeDistinct, type DistinctSet } from './distinct-set.js';
import { ALL_FORMATS, matchFormats } from './formats.js';

/** Nesting below this depth is counted by type only (RELIABILITY.md 18: deep input, capped schema). */
export const MAX_DEPTH = 48;
/** An object position with more distinct property names than this is a map (`additionalProperties`). */
export const MAX_PROPERTIES = 200;
/** Distinct primitive values kept per position (see distinct-set.ts). */
export const DISTINCT_CAP = 64;

/** What was seen at one JSON position across every sample. Counts are of values, not of samples. */
export interface ShapeNode {
  seen: number;
  nulls: number;
  booleans: number;
  integers: number;
  /** Numbers that are not integers. */
  numbers: number;
  strings: number;
  objects: number;
  arrays: number;
  /** Candidate formats every string so far satisfied (bit mask over FORMATS). */
  formats: number;
  /** Strings holding a redaction placeholder: never a format or an enum, always volatile. */
  placeholders: number;
  distinct: DistinctSet;
  /** Per-property nodes; `seen` of a child is the number of objects that had the property. */
  properties: Map<string, ShapeNode> | undefined;
  /** Set when the position turned out to be a map: every property value merged here instead. */
  mapValues: ShapeNode | undefined;
  /** Every array item merged into one node. */
  items: ShapeNode | undefined;
  /** Objects or arrays found at MAX_DEPTH: their contents were not described. */
  capped: boolean;
  /** The keys of the last object seen here and their nodes: objects at one position mostly repeat them. */
  lastKeys: string[] | undefined;
  lastChildren: ShapeNode[] | undefined;
}

export function createShape(): ShapeNode {
  return {
    seen: 0,
    nulls: 0,
    booleans: 0,
    integers: 0,
    numbers: 0,
    strings: 0,
    objects: 0,
    arrays: 0,
    formats: ALL_FORMATS,
    placeholders: 0,
    distinct: createDistinctSet(DISTINCT_CAP),
    properties: undefined,
    mapValues: undefined,
    items: undefined,
    capped: false,
    lastKeys: undefined,
    lastChildren: undefined,
  };
}

/** Records `value` (a JSON value) at `node`; `depth` is the node's depth (0 for a body). */
export function addValue(node: ShapeNode, value: unknown, depth = 0): void {
  node.seen += 1;
  switch (typeof value) {
    case 'string':
      addString(node, value);
      return;
    case 'number':
      if (Number.isInteger(value)) node.integers += 1;
      else node.numbers += 1;
      addDistinct(node.distinct, value);
      return;
    case 'boolean':
      node.booleans += 1;
      addDistinct(node.distinct, value);
      return;
    case 'object':
      if (value === null) node.nulls += 1;
      else if (Array.isArray(value)) addArray(node, value, depth);
      else addObject(node, value as Record<string, unknown>, depth);
      return;
    default:
      node.nulls += 1; // undefined cannot come from JSON; counted as null rather than lost
  }
}

function addString(node: ShapeNode, value: string): void {
  node.strings += 1;
  if (value.includes('<redacted:')) {
    node.placeholders += 1;
    node.formats = 0;
  } else if (node.formats !== 0) {
    node.formats = matchFormats(value, node.formats);
  }
  addDistinct(node.distinct, distinctKey(value));
}

function addArray(node: ShapeNode, value: unknown[], depth: number): void {
  node.arrays += 1;
  if (depth >= MAX_DEPTH) {
    node.capped = true;
    return;
  }
  if (value.length === 0) return;
  const items = (node.items ??= createShape());
  for (const item of value) addValue(items, item, depth + 1);
}

function addObject(node: ShapeNode, value: Record<string, unknown>, depth: number): void {
  node.objects += 1;
  if (depth >= MAX_DEPTH) {
    node.capped = true;
    return;
  }
  const next = depth + 1;
  const keys = Object.keys(value);
  const children = node.mapValues === undefined && sameKeys(node.lastKeys, keys) ? node.lastChildren : undefined;
  if (children !== undefined) {
    for (let i = 0; i < keys.length; i++) addValue(children[i] as ShapeNode, value[keys[i] as string], next);
    return;
  }
  const seen: ShapeNode[] = [];
  for (const key of keys) {
    const child = propertyNode(node, key);
    seen.push(child);
    addValue(child, value[key], next);
  }
  if (node.mapValues === undefined) {
    node.lastKeys = keys;
    node.lastChildren = seen;
  }
}

function sameKeys(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function propertyNode(node: ShapeNode, key: string): ShapeNode {
  if (node.mapValues) return node.mapValues;
  const properties = (node.properties ??= new Map());
  let child = properties.get(key);
  if (child) return child;
  child = createShape();
  properties.set(key, child);
  if (properties.size > MAX_PROPERTIES) return collapseToMap(node);
  return child;
}

/** Turns `node` into a map position: all property nodes merged into `mapValues`. */
function collapseToMap(node: ShapeNode): ShapeNode {
  const values = createShape();
  for (const child of node.properties?.values() ?? []) mergeShapes(values, child);
  node.properties = undefined;
  node.lastKeys = undefined;
  node.lastChildren = undefined;
  node.mapValues = values;
  return values;
}

/** Merges `from` into `into`: the result is what one node fed both value streams would hold. */
export function mergeShapes(into: ShapeNode, from: ShapeNode): void {
  into.seen += from.seen;
  into.nulls += from.nulls;
  into.booleans += from.booleans;
  into.integers += from.integers;
  into.numbers += from.numbers;
  into.strings += from.strings;
  into.objects += from.objects;
  into.arrays += from.arrays;
  into.formats &= from.formats;
  into.placeholders += from.placeholders;
  into.capped ||= from.capped;
  mergeDistinct(into.distinct, from.distinct);
  if (from.items) mergeShapes((into.items ??= createShape()), from.items);
  mergeProperties(into, from);
}

function mergeProperties(into: ShapeNode, from: ShapeNode): void {
  if (from.mapValues) {
    const target = into.mapValues ?? collapseToMap(into);
    mergeShapes(target, from.mapValues);
    return;
  }
  if (!from.properties) return;
  if (into.mapValues) {
    for (const child of from.properties.values()) mergeShapes(into.mapValues, child);
    return;
  }
  const properties = (into.properties ??= new Map());
  for (const [key, child] of from.properties) {
    const target = properties.get(key);
    if (target) mergeShapes(target, child);
    else properties.set(key, cloneShape(child));
  }
  if (properties.size > MAX_PROPERTIES) collapseToMap(into);
}

function cloneShape(node: ShapeNode): ShapeNode {
  const copy = createShape();
  mergeShapes(copy, node);
  return copy;
}
