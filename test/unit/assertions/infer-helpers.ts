// Small helpers shared by the inference tests: a schema (and evidence) straight from values.
import { collectEvidence } from '../../../src/assertions/evidence.js';
import { resolveInferOptions } from '../../../src/assertions/options.js';
import type { InferOptions } from '../../../src/assertions/infer.js';
import { emitRootSchema } from '../../../src/assertions/schema-emit.js';
import { addValue, createShape, type ShapeNode } from '../../../src/assertions/shape.js';
import type { FieldEvidence, JsonSchema } from '../../../src/assertions/types.js';

export function shapeOf(values: readonly unknown[]): ShapeNode {
  const node = createShape();
  for (const value of values) addValue(node, value);
  return node;
}

export function schemaOf(values: readonly unknown[], options: InferOptions = {}): JsonSchema {
  return emitRootSchema(shapeOf(values), resolveInferOptions(options));
}

export function evidenceOf(values: readonly unknown[]): Map<string, FieldEvidence> {
  return new Map(collectEvidence(shapeOf(values)).map((f) => [f.pointer, f]));
}
