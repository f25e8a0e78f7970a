// Turns a merged ShapeNode into a minimal draft-07 JSON Schema (valid under Ajv 6 and Ajv 8) with
// sorted keys, so the same samples always give the same bytes.
import type { JsonSchema } from './types.js';
import { allValues } from './distinct-set.js';
import { pickFormat } from './formats.js';
import type { ShapeNode } from './shape.js';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** Resolved options for emitting schemas (see InferOptions in infer.ts for their meaning). */
export interface EmitOptions {
  enums: { minSamples: number; maxValues: number } | false;
  strict: boolean;
  minSamplesForRequired: number;
}

/** The root schema of a body position, with `$schema` set. */
export function emitRootSchema(node: ShapeNode, options: EmitOptions): JsonSchema {
  return { $schema: DRAFT_07, ...emitSchema(node, options) };
}

/** The schema of one position; keys are inserted in sorted order. */
export function emitSchema(node: ShapeNode, options: EmitOptions): JsonSchema {
  const types = schemaTypes(node);
  const out: JsonSchema = {};
  if (node.objects > 0 && !node.capped) addObjectKeywords(out, node, options, 'additionalProperties');
  const values = enumValues(node, options);
  if (values) out.enum = values;
  const format = node.strings > 0 ? pickFormat(node.formats) : undefined;
  if (format) out.format = format;
  if (node.arrays > 0 && !node.capped && node.items) out.items = emitSchema(node.items, options);
  if (node.objects > 0 && !node.capped) addObjectKeywords(out, node, options, 'properties');
  if (types.length > 0) out.type = types.length === 1 ? types[0] : types;
  return out;
}

/** The JSON Schema type names present at `node`, sorted (`integer` folds into `number`). */
export function schemaTypes(node: ShapeNode): string[] {
  const types: string[] = [];
  if (node.arrays > 0) types.push('array');
  if (node.booleans > 0) types.push('boolean');
  if (node.integers > 0 && node.numbers === 0) types.push('integer');
  if (node.nulls > 0) types.push('null');
  if (node.numbers > 0) types.push('number');
  if (node.objects > 0) types.push('object');
  if (node.strings > 0) types.push('string');
  return types;
}

/** Adds either the `additionalProperties` keyword or `properties` + `required`, keeping key order. */
function addObjectKeywords(out: JsonSchema, node: ShapeNode, options: EmitOptions, part: 'additionalProperties' | 'properties'): void {
  if (part === 'additionalProperties') {
    if (node.mapValues) out.additionalProperties = emitSchema(node.mapValues, options);
    else if (options.strict && !node.properties?.has('__proto__')) out.additionalProperties = false; // Ajv counts a `__proto__` key as additional
    return;
  }
  if (!node.properties || node.properties.size === 0) return;
  const names = [...node.properties.keys()].sort();
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const name of names) {
    const child = node.properties.get(name) as ShapeNode;
    if (name in Object.prototype) {
      // Ajv reads `data[name]` without an own-property check, so `toString`, `constructor`, … would be
      // validated as the inherited function on every object lacking them: declare them, accept anything.
      Object.defineProperty(properties, name, { value: {}, enumerable: true, writable: true, configurable: true });
      continue;
    }
    properties[name] = emitSchema(child, options);
    if (child.seen === node.objects && node.objects >= options.minSamplesForRequired) required.push(name);
  }
  out.properties = properties;
  if (required.length > 0) out.required = required;
}

/**
 * Enumerated values, only with strong evidence: enums enabled, only strings or only integers (plus
 * null), every distinct value known, at most `maxValues` of them, at least `minSamples` values seen
 * and each value seen twice on average. Null joins the list when the field was ever null.
 */
function enumValues(node: ShapeNode, options: EmitOptions): Array<string | number | null> | undefined {
  if (!options.enums || node.placeholders > 0) return undefined;
  const stringsOnly = node.strings > 0 && node.integers + node.numbers + node.booleans === 0;
  const integersOnly = node.integers > 0 && node.strings + node.numbers + node.booleans === 0;
  if (!(stringsOnly || integersOnly) || node.objects + node.arrays > 0) return undefined;
  const count = node.strings + node.integers;
  const values = allValues(node.distinct) as Array<string | number> | undefined;
  if (values === undefined) return undefined; // more than DISTINCT_CAP values, or a long string
  const { minSamples, maxValues } = options.enums;
  if (count < minSamples || values.length > maxValues || values.length * 2 > count) return undefined;
  return node.nulls > 0 ? [...values, null] : values;
}
