import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { body, jsonValue } from './arbitraries.js';
import { schemaOf } from './infer-helpers.js';
import { rejectedBy, rejectedSamples, schemaErrors } from './validators.js';

/** Property tests compile many schemas; on a loaded 2-core machine they need more than the default. */
const PROPERTY_TIMEOUT = 120_000;

describe('inferred schemas accept every sample they came from', () => {
  for (const [label, options] of [
    ['defaults', {}],
    ['strict with enums', { strict: true, enums: { minSamples: 2, maxValues: 4 }, minSamplesForRequired: 1 }],
  ] as const) {
    it(`under Ajv 6 (fast, full) and Ajv 8, ${label}`, () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(body, jsonValue), { minLength: 1, maxLength: 10 }), (values) => {
          const schema = schemaOf(values, options);
          expect(schemaErrors(schema)).toEqual([]);
          expect(rejectedSamples(schema, values), JSON.stringify(schema)).toEqual([]);
        }),
        { numRuns: 100 },
      );
    }, PROPERTY_TIMEOUT);
  }
});

describe('emitSchema', () => {
  it('writes draft-07 with sorted keys, and the same bytes for the same samples', () => {
    const schema = schemaOf([{ b: 1, a: 'x' }, { a: 'y', b: 2 }]);
    expect(JSON.stringify(schema)).toBe(
      '{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a","b"],"type":"object"}',
    );
  });

  it('requires a property only when every sample had it, and not from a single sample', () => {
    expect(schemaOf([{ a: 1, b: 2 }]).required).toBeUndefined();
    expect(schemaOf([{ a: 1, b: 2 }, { a: 3 }]).required).toEqual(['a']);
    expect(schemaOf([{ a: 1, b: 2 }], { minSamplesForRequired: 1 }).required).toEqual(['a', 'b']);
    expect(schemaOf([{ a: 1 }, { a: 2 }, { a: 3 }], { minSamplesForRequired: 4 }).required).toBeUndefined();
  });

  it('unions types, folds integer into number and keeps null', () => {
    expect(schemaOf([{ n: 1 }, { n: 1.5 }]).properties).toEqual({ n: { type: 'number' } });
    expect(schemaOf([{ n: 1 }, { n: 2 }]).properties).toEqual({ n: { type: 'integer' } });
    expect(schemaOf([{ s: 'a' }, { s: null }]).properties).toEqual({ s: { type: ['null', 'string'] } });
  });

  it('merges arrays of objects item by item and handles empty arrays', () => {
    const schema = schemaOf([{ list: [] }, { list: [{ id: 1, name: 'a' }, { id: 2 }] }]);
    expect(schema.properties).toEqual({
      list: { items: { properties: { id: { type: 'integer' }, name: { type: 'string' } }, required: ['id'], type: 'object' }, type: 'array' },
    });
    expect(schemaOf([[], []])).toEqual({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array' });
  });

  it('describes heterogeneous arrays with one type list, without anyOf branches', () => {
    const schema = schemaOf([[1, 'a', { k: true }, [null]]]);
    expect(schema.items).toEqual({ items: { type: 'null' }, properties: { k: { type: 'boolean' } }, type: ['array', 'integer', 'object', 'string'] });
    expect(JSON.stringify(schema)).not.toContain('anyOf');
  });

  it('adds a format only when every string sample agrees', () => {
    expect(schemaOf([{ at: '2024-05-01T10:00:00Z' }, { at: '2024-05-02T11:00:00Z' }]).properties).toEqual({ at: { format: 'date-time', type: 'string' } });
    expect(schemaOf([{ at: '2024-05-01T10:00:00Z' }, { at: 'yesterday' }]).properties).toEqual({ at: { type: 'string' } });
    expect(schemaOf([{ e: 'ada@example.com' }, { e: null }]).properties).toEqual({ e: { format: 'email', type: ['null', 'string'] } });
  });

  it('never gives a redaction placeholder a format or an enum', () => {
    const values = Array.from({ length: 30 }, () => ({ token: '<redacted:authorization:3f9a1c>' }));
    expect(schemaOf(values, { enums: true }).properties).toEqual({ token: { type: 'string' } });
  });

  it('emits no enum by default, even for a field with two values over many samples', () => {
    const values = Array.from({ length: 100 }, (_, i) => ({ status: i % 2 ? 'paid' : 'pending' }));
    expect(schemaOf(values).properties).toEqual({ status: { type: 'string' } });
    expect(schemaOf(values, { enums: true }).properties).toEqual({ status: { enum: ['paid', 'pending'], type: 'string' } });
  });

  it('emits enums only with strong evidence', () => {
    const few = Array.from({ length: 5 }, (_, i) => ({ status: i % 2 ? 'paid' : 'pending' }));
    expect(schemaOf(few, { enums: true }).properties).toEqual({ status: { type: 'string' } });
    const unique = Array.from({ length: 30 }, (_, i) => ({ name: `n${i % 20}` }));
    expect(schemaOf(unique, { enums: { minSamples: 10, maxValues: 30 } }).properties).toEqual({ name: { type: 'string' } });
    const nullable = Array.from({ length: 30 }, (_, i) => ({ s: i % 3 === 0 ? null : 'a' }));
    expect(schemaOf(nullable, { enums: true }).properties).toEqual({ s: { enum: ['a', null], type: ['null', 'string'] } });
  });

  it('adds additionalProperties: false to every object in strict mode', () => {
    const schema = schemaOf([{ a: { b: 1 } }, { a: { b: 2 } }], { strict: true });
    expect(schema.additionalProperties).toBe(false);
    expect((schema.properties as Record<string, Record<string, unknown>>).a?.additionalProperties).toBe(false);
    expect(rejectedBy(schema, { a: { b: 1, c: 2 } })).toEqual(['ajv6-fast', 'ajv6-full', 'ajv8']);
  });
});

describe('property names Ajv would read through the prototype', () => {
  it('declares toString, constructor and __proto__ with an empty schema so objects without them still validate', () => {
    const samples = JSON.parse('[{"toString":[],"constructor":1,"__proto__":{"a":1},"id":1},{"id":2}]') as unknown[];
    for (const options of [{}, { strict: true, minSamplesForRequired: 1 }]) {
      const schema = schemaOf(samples, options);
      expect(Object.keys(schema.properties as object)).toEqual(['__proto__', 'constructor', 'id', 'toString']);
      for (const sample of samples) expect(rejectedBy(schema, sample)).toEqual([]);
    }
  });
});
