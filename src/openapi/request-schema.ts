// The schema of recorded request bodies, merged with inference's own shape accumulator and emitter
// (so request and response schemas follow the same rules: required, formats, type unions).
import { resolveInferOptions } from '../assertions/options.js';
import { emitSchema } from '../assertions/schema-emit.js';
import { addValue, createShape } from '../assertions/shape.js';
import type { InferOptions } from '../assertions/infer.js';
import type { JsonSchema } from '../assertions/types.js';

/** The merged draft-07 schema (without `$schema`) of JSON `values`; empty input gives `{}`. */
export function inferValuesSchema(values: Iterable<unknown>, options: InferOptions = {}): JsonSchema {
  const shape = createShape();
  for (const value of values) addValue(shape, value);
  return emitSchema(shape, resolveInferOptions(options));
}
