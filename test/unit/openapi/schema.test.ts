import { describe, expect, it } from 'vitest';
import { toOpenApiSchema } from '../../../src/openapi/schema.js';

describe('toOpenApiSchema', () => {
  it('drops the draft-07 $schema and keeps the keywords both dialects share', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, email: { type: ['string', 'null'], format: 'email' }, tags: { type: 'array', items: { type: 'string' } } },
    };
    expect(toOpenApiSchema(schema)).toEqual({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, email: { type: ['string', 'null'], format: 'email' }, tags: { type: 'array', items: { type: 'string' } } },
    });
  });

  it('rewrites tuple items, additionalItems and definitions into 2020-12 keywords', () => {
    const schema = {
      type: 'array',
      items: [{ type: 'string' }, { $ref: '#/definitions/n' }],
      additionalItems: false,
      definitions: { n: { type: 'number' } },
    };
    expect(toOpenApiSchema(schema)).toEqual({
      type: 'array',
      prefixItems: [{ type: 'string' }, { $ref: '#/$defs/n' }],
      items: false,
      $defs: { n: { type: 'number' } },
    });
  });

  it('does not treat a property called "items" as the keyword, nor touch enum values', () => {
    const schema = { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } }, enum: [{ items: [1] }] };
    expect(toOpenApiSchema(schema)).toEqual(schema);
  });

  it('does not modify its input', () => {
    const schema = { $schema: 'x', items: [{ type: 'string' }] };
    const copy = structuredClone(schema);
    toOpenApiSchema(schema);
    expect(schema).toEqual(copy);
  });
});
