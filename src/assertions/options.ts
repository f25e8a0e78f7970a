// Defaults for InferOptions, resolved once into the plain values the emitters use.
import type { InferOptions } from './infer.js';
import type { EmitOptions } from './schema-emit.js';

/** What `enums: true` means. */
export const DEFAULT_ENUMS = { minSamples: 20, maxValues: 10 } as const;
export const DEFAULT_MIN_SAMPLES_FOR_REQUIRED = 2;

export function resolveInferOptions(options: InferOptions): EmitOptions {
  const enums = options.enums === true ? { ...DEFAULT_ENUMS } : options.enums ? { ...options.enums } : false;
  const min = options.minSamplesForRequired ?? DEFAULT_MIN_SAMPLES_FOR_REQUIRED;
  return { enums, strict: options.strict === true, minSamplesForRequired: Math.max(1, Math.floor(min)) };
}
