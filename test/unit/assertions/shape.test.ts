import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/assertions/evidence.js';
import { emitRootSchema } from '../../../src/assertions/schema-emit.js';
import { resolveInferOptions } from '../../../src/assertions/options.js';
import { smallestValues } from '../../../src/assertions/distinct-set.js';
import { addValue, createShape, MAX_PROPERTIES, mergeShapes, type ShapeNode } from '../../../src/assertions/shape.js';
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

describe('walking objects', () => {
  /** A shape built the slow way: every object's keys looked up in the property map, none remembered. */
  function outputWithoutKeyReuse(values: readonly unknown[]): string {
    const node = createShape();
    for (const value of values) {
      addValue(node, value);
      forgetLastKeys(node);
    }
    return JSON.stringify([emitRootSchema(node, resolveInferOptions({ enums: true })), collectEvidence(node)]);
  }

  function forgetLastKeys(node: ShapeNode): void {
    node.lastKeys = undefined;
    node.lastChildren = undefined;
    for (const child of node.properties?.values() ?? []) forgetLastKeys(child);
    if (node.items) forgetLastKeys(node.items);
    if (node.mapValues) forgetLastKeys(node.mapValues);
  }

  it('gives the same result when consecutive objects repeat, extend, shorten or reorder their keys', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', '0', '1', '__proto__', 'toString');
    const object = fc.uniqueArray(fc.tuple(key, fc.oneof(fc.integer(), fc.string(), fc.constant(null))), { selector: ([k]) => k, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 10 }), (entries) => {
        const values = entries.map((pairs) => JSON.parse(JSON.stringify(Object.fromEntries(pairs))) as unknown);
        const listed = values.map((v) => ({ list: [v, v] }));
        expect(outputOf(values, { enums: true })).toBe(outputWithoutKeyReuse(values));
        expect(outputOf(listed, { enums: true })).toBe(outputWithoutKeyReuse(listed));
      }),
      { numRuns: 300 },
    );
  });

  it('reads only own properties even when Object.prototype has an enumerable one', () => {
    const values = [{ a: 1 }, { a: 2 }, {}, { b: 3 }, { a: 4 }];
    const evidence = (): string => JSON.stringify(collectEvidence(shapeOf(values)));
    const clean = evidence();
    Object.defineProperty(Object.prototype, 'a', { value: 'inherited', enumerable: true, configurable: true, writable: true });
    try {
      expect(evidence()).toBe(clean);
    } finally {
      delete (Object.prototype as Record<string, unknown>).a;
    }
  });
});

function hash(value: unknown, seed: number): number {
  const text = JSON.stringify(value) ?? '';
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}
