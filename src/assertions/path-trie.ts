// A trie of the recorded paths of one origin. Identifier-shaped segments collapse into one child as
// they arrive, and a position with too many distinct names collapses into a "wide" child, so the
// trie stays bounded however many exchanges are recorded.
import { addExample, createExamples, mergeExamples, noteExample, type ExampleSet } from './examples.js';
import { createEndpointAccumulator, mergeEndpointAccumulators, type EndpointAccumulator } from './endpoint-accumulator.js';
import { classifySegment, FIXED_WORDS } from './segment-shape.js';

/** Distinct non-identifier children a position keeps before it is taken to hold values. */
export const WIDE_CAP = 100;

export interface PathNode {
  /** Index of the first exchange whose path went through this node. */
  firstSeen: number;
  /** Literal children by raw segment (words, versions, value-like segments). */
  children: Map<string, PathNode>;
  /** Every identifier-shaped segment at this position, merged. */
  ids: PathNode | undefined;
  idExamples: ExampleSet;
  /** Every other non-fixed segment, once more than WIDE_CAP distinct ones were seen here. */
  wide: PathNode | undefined;
  wideExamples: ExampleSet;
  /** Exchanges whose path ends here, by upper-case method. */
  endpoints: Map<string, EndpointAccumulator>;
}

export function createPathNode(firstSeen: number): PathNode {
  return {
    firstSeen,
    children: new Map(),
    ids: undefined,
    idExamples: createExamples(),
    wide: undefined,
    wideExamples: createExamples(),
    endpoints: new Map(),
  };
}

/** Where a path ended in the trie, and which of its positions went through a child that varies. */
export interface PathEnd {
  node: PathNode;
  /**
   * Bit `i` is set when segment `i` went to the ids or wide child. Every other position took a
   * literal child, so all exchanges ending at `node` had the same segment there. Paths have at
   * most MAX_SEGMENTS (32) segments, so the bits fit.
   */
  varying: number;
}

/** Walks (creating) the nodes of `segments` from `root` into `end` (reused: no allocation per exchange). */
export function insertPath(root: PathNode, segments: readonly string[], index: number, end: PathEnd): void {
  let node = root;
  let varying = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const literal = node.children.get(segment);
    if (literal) node = touch(literal, index);
    else {
      const child = childFor(node, segment, index);
      if (child === node.ids || child === node.wide) varying |= 1 << i;
      node = child;
    }
  }
  end.node = node;
  end.varying = varying;
}

/** The endpoint accumulator for `method` at `node`, created on first use. */
export function endpointAt(node: PathNode, method: string): EndpointAccumulator {
  let acc = node.endpoints.get(method);
  if (!acc) node.endpoints.set(method, (acc = createEndpointAccumulator()));
  return acc;
}

/** The child of `node` for a segment that is not one of its literal children (yet). */
function childFor(node: PathNode, segment: string, index: number): PathNode {
  const shape = classifySegment(segment);
  if (shape === 'id') {
    noteExample(node.idExamples, segment, index);
    return touch((node.ids ??= createPathNode(index)), index);
  }
  const collapsible = shape !== 'version' && !FIXED_WORDS.has(segment.toLowerCase());
  if (node.wide && collapsible) {
    noteExample(node.wideExamples, segment, index);
    return touch(node.wide, index);
  }
  const child = createPathNode(index);
  node.children.set(segment, child);
  if (collapsible && node.children.size > WIDE_CAP) return collapseWide(node, segment, index);
  return child;
}

/** Moves every collapsible child of `node` into its wide child; returns the wide child. */
function collapseWide(node: PathNode, segment: string, index: number): PathNode {
  const wide = createPathNode(index);
  for (const [name, child] of [...node.children]) {
    if (classifySegment(name) === 'version' || FIXED_WORDS.has(name.toLowerCase())) continue;
    addExample(node.wideExamples, name, child.firstSeen);
    mergePathNodes(wide, child);
    node.children.delete(name);
  }
  addExample(node.wideExamples, segment, index);
  node.wide = wide;
  return wide;
}

function touch(node: PathNode, index: number): PathNode {
  if (index < node.firstSeen) node.firstSeen = index;
  return node;
}

/** Merges the subtree `from` into `into`, endpoints included. */
export function mergePathNodes(into: PathNode, from: PathNode): void {
  touch(into, from.firstSeen);
  for (const [segment, child] of from.children) {
    const target = into.children.get(segment);
    if (target) mergePathNodes(target, child);
    else into.children.set(segment, cloneNode(child));
  }
  if (from.ids) mergePathNodes((into.ids ??= createPathNode(from.ids.firstSeen)), from.ids);
  mergeExamples(into.idExamples, from.idExamples);
  if (from.wide) mergePathNodes((into.wide ??= createPathNode(from.wide.firstSeen)), from.wide);
  mergeExamples(into.wideExamples, from.wideExamples);
  for (const [method, acc] of from.endpoints) {
    let target = into.endpoints.get(method);
    if (!target) into.endpoints.set(method, (target = createEndpointAccumulator()));
    mergeEndpointAccumulators(target, acc);
  }
}

function cloneNode(node: PathNode): PathNode {
  const copy = createPathNode(node.firstSeen);
  mergePathNodes(copy, node);
  return copy;
}
