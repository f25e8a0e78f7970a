// The streamed accumulator behind a merged schema: one node per JSON position, fed one value at a
// time and mergeable with another node, so inference never holds the samples themselves.
import { addDistinct, createDistinctSet, distinctKey, mergeDistinct, type DistinctKey, type DistinctSet } from './distinct-set.js';
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
  if (depth === 0) ownKeysOnly = hasNoInheritedKeys();
  addAt(node, value, depth);
}

/** addValue without the per-body check: what the walk below the body calls for every value. */
function addAt(node: ShapeNode, value: unknown, depth: number): void {
  node.seen += 1;
  if (typeof value === 'string') addString(node, value);
  else if (typeof value === 'number') addNumber(node, value);
  else if (typeof value === 'object') {
    if (value === null) node.nulls += 1;
    else if (Array.isArray(value)) addArray(node, value, depth);
    else addObject(node, value as Record<string, unknown>, depth);
  } else if (typeof value === 'boolean') {
    node.booleans += 1;
    addDistinctAt(node, value);
  } else {
    node.nulls += 1; // undefined cannot come from JSON; counted as null rather than lost
  }
}

function addNumber(node: ShapeNode, value: number): void {
  if (Number.isInteger(value)) node.integers += 1;
  else node.numbers += 1;
  addDistinctAt(node, value);
}

function addString(node: ShapeNode, value: string): void {
  node.strings += 1;
  if (value.indexOf('<') !== -1 && value.includes('<redacted:')) { // the one-character search is the cheap one
    node.placeholders += 1;
    node.formats = 0;
  } else if (node.formats !== 0) {
    node.formats = matchFormats(value, node.formats);
  }
  if (node.distinct.all !== undefined) addDistinctAt(node, distinctKey(value));
}

/**
 * addDistinct, with its two commonest exits taken here so they cost no call: a capped set (most
 * values: ids, timestamps) and a repeat of the last value (constant fields).
 */
function addDistinctAt(node: ShapeNode, key: DistinctKey): void {
  const set = node.distinct;
  if (set.all !== undefined && key !== set.last) addDistinct(set, key);
}

function addArray(node: ShapeNode, value: unknown[], depth: number): void {
  node.arrays += 1;
  if (depth >= MAX_DEPTH) {
    node.capped = true;
    return;
  }
  if (value.length === 0) return;
  const items = (node.items ??= createShape());
  for (const item of value) addAt(items, item, depth + 1);
}

function addObject(node: ShapeNode, value: Record<string, unknown>, depth: number): void {
  node.objects += 1;
  if (depth >= MAX_DEPTH) {
    node.capped = true;
    return;
  }
  const next = depth + 1;
  if (node.mapValues !== undefined) {
    const values = node.mapValues;
    for (const key of Object.keys(value)) addAt(values, value[key], next);
    return;
  }
  const lastKeys = node.lastKeys;
  const lastChildren = node.lastChildren;
  if (lastKeys !== undefined && lastChildren !== undefined && ownKeysOnly) {
    let matched = 0;
    // `for…in` with `value[key]` lets V8 read fields by the enum cache and allocates no key array:
    // this is the per-object hot path, taken whenever the keys repeat those of the last object.
    // Fewer keys than last time (a prefix) need nothing more: the remembered keys stay valid.
    for (const key in value) {
      if (matched === lastKeys.length || key !== lastKeys[matched]) return addObjectFrom(node, value, next, matched);
      addAt(lastChildren[matched] as ShapeNode, value[key], next);
      matched += 1;
    }
    return;
  }
  addObjectFrom(node, value, next, 0);
}

/**
 * Whether `for…in` over a JSON object lists exactly its own keys, as `Object.keys` does: true unless
 * something made a property of `Object.prototype` enumerable. Checked again for every body (depth 0),
 * so a polluted prototype only costs speed, never a wrong schema.
 */
let ownKeysOnly = true;

function hasNoInheritedKeys(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/**
 * The general case of addObject: the first `done` keys of `value` matched the last object's keys
 * and were added already; adds the rest through the property map and remembers the key list.
 */
function addObjectFrom(node: ShapeNode, value: Record<string, unknown>, next: number, done: number): void {
  const keys = Object.keys(value);
  const seen: ShapeNode[] = done > 0 ? (node.lastChildren as ShapeNode[]).slice(0, done) : [];
  for (let i = done; i < keys.length; i++) {
    const key = keys[i] as string;
    const child = propertyNode(node, key);
    seen.push(child);
    addAt(child, value[key], next);
  }
  if (node.mapValues === undefined) {
    node.lastKeys = keys;
    node.lastChildren = seen;
  }
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
