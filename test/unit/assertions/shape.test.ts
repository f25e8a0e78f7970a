import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/assertions/evidence.js';
import { emitRootSchema } from '../../../src/assertions/schema-emit.js';
import { resolveInferOptions } from '../../../src/assertions/options.js';
import { smallestValues } from '../../../src/assertions/distinct-set.js';
import { createShape, MAX_PROPERTIES, mergeShapes } from '../../../src/assertions/shape.js';
import { body } from './arbitraries.js';
import { schemaOf, shapeOf } from './infer-helpers.js';

/** Property tests compile many schemas; on a loaded 2-core machine they need more than the default. */
const PROPERTY_TIMEOUT = 120_000;

const OPTIONS = [{}, { enums: true }, { strict: true, minSamplesForRequired: 1 }, { enums: { minSamples: 2, maxValues: 3 } }] as const;

function outputOf(values: readonly unknown[], options: (typeof OPTIONS)[number]): string {
  const node = shapeOf(values);
  return JSON.stringify([emitRootSchema(node, resolveInferOptions(options)), collectEvidence(node)]);
}

describe('merging samples', () => {
  it('gives the same schema and evidence whatever the order of the samples', () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom(...OPTIONS), (values, seed, options) => {
        const shuffled = [...values].sort((a, b) => hash(a, seed) - hash(b, seed));
        expect(outputOf(shuffled, options)).toBe(outputOf(values, options));
        expect(outputOf([...values].reverse(), options)).toBe(outputOf(values, options));
      }),
      { numRuns: 120 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives the same result when partial accumulators are merged as when fed in one stream', () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 8 }), fc.nat(), (values, cut) => {
        const at = cut % (values.length + 1);
        const left = shapeOf(values.slice(0, at));
        mergeShapes(left, shapeOf(values.slice(at)));
        const merged = createShape();
        mergeShapes(merged, left);
        const options = resolveInferOptions({ enums: true });
        expect(JSON.stringify(emitRootSchema(merged, options))).toBe(JSON.stringify(emitRootSchema(shapeOf(values), options)));
        expect(JSON.stringify(collectEvidence(merged))).toBe(JSON.stringify(collectEvidence(shapeOf(values))));
      }),
      { numRuns: 120 },
    );
  }, PROPERTY_TIMEOUT);

  it('keeps memory bounded: a map-like object with ever new keys becomes additionalProperties', () => {
    const values = Array.from({ length: 5 }, (_, s) => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`user_${s * 100 + i}`, { n: i }])));
    const node = shapeOf(values);
    expect(node.properties).toBeUndefined();
    expect(node.mapValues?.seen).toBe(500);
    const schema = schemaOf(values);
    expect(schema.additionalProperties).toEqual({ properties: { n: { type: 'integer' } }, required: ['n'], type: 'object' });
    expect(schema.properties).toBeUndefined();
    expect(MAX_PROPERTIES).toBeLessThan(500);
  });

  it('keeps a bounded, order-independent distinct record however many samples arrive', () => {
    const ascending = Array.from({ length: 10_000 }, (_, i) => ({ id: i, n: i % 64 }));
    for (const values of [ascending, [...ascending].reverse()]) {
      const node = shapeOf(values);
      expect(node.properties?.get('id')?.distinct.all).toBeUndefined();
      expect(node.properties?.get('n')?.distinct.all?.size).toBe(64);
      expect(smallestValues(node.properties!.get('n')!.distinct)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(shapeOf(Array.from({ length: 65 }, (_, i) => i)).distinct.all).toBeUndefined();
  });
});

function hash(value: unknown, seed: number): number {
  const text = JSON.stringify(value) ?? '';
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}
