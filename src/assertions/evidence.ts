// The evidence behind each schema decision: for every JSON position, how often it was present,
// null, how many distinct values it held, which format matched and whether it was volatile.
import type { FieldEvidence } from './types.js';
import { distinctCount, isCapped, smallestValues } from './distinct-set.js';
import { pickFormat } from './formats.js';
import type { ShapeNode } from './shape.js';

/** Evidence for `root` (pointer `""`) and every position below it, sorted by pointer. */
export function collectEvidence(root: ShapeNode): FieldEvidence[] {
  const out: FieldEvidence[] = [];
  visit(root, '', root.seen, out);
  return out.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function visit(node: ShapeNode, pointer: string, of: number, out: FieldEvidence[]): void {
  out.push(describeField(node, pointer, of));
  if (node.properties) {
    for (const [name, child] of node.properties) visit(child, `${pointer}/${escapePointer(name)}`, node.objects, out);
  }
  if (node.mapValues) visit(node.mapValues, `${pointer}/*`, node.mapValues.seen, out);
  if (node.items) visit(node.items, `${pointer}/*`, node.items.seen, out);
}

/** The evidence of one position; `of` is how many parent objects (or samples) it could appear in. */
export function describeField(node: ShapeNode, pointer: string, of: number): FieldEvidence {
  const values = smallestValues(node.distinct);
  const format = node.strings > 0 ? pickFormat(node.formats) : undefined;
  const evidence: FieldEvidence = {
    pointer,
    types: evidenceTypes(node),
    present: node.seen,
    of,
    nulls: node.nulls,
    distinct: distinctCount(node.distinct),
    distinctCapped: isCapped(node.distinct),
    volatile: isVolatile(node),
  };
  if (values.length > 0) evidence.values = values;
  if (format) evidence.format = format;
  return evidence;
}

/**
 * A position is volatile when its values differed across samples: more than one distinct value
 * (null counting as one, an object or array as one), or any redaction placeholder.
 */
export function isVolatile(node: ShapeNode): boolean {
  if (node.placeholders > 0) return true;
  const kinds = distinctCount(node.distinct) + (node.nulls > 0 ? 1 : 0) + (node.objects > 0 ? 1 : 0) + (node.arrays > 0 ? 1 : 0);
  return kinds > 1;
}

/** Every JSON type seen, sorted; unlike the schema, `integer` and `number` are both listed. */
function evidenceTypes(node: ShapeNode): string[] {
  const types: string[] = [];
  if (node.arrays > 0) types.push('array');
  if (node.booleans > 0) types.push('boolean');
  if (node.integers > 0) types.push('integer');
  if (node.nulls > 0) types.push('null');
  if (node.numbers > 0) types.push('number');
  if (node.objects > 0) types.push('object');
  if (node.strings > 0) types.push('string');
  return types;
}

/** RFC 6901 escaping of one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
