// The OpenAPI document keeps recorded JSON keys named like Object.prototype members, in examples and schemas.
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { buildOpenApi } from '../../../src/openapi/build.js';
import { toOpenApiSchema } from '../../../src/openapi/schema.js';
import { sortKeysDeep } from '../../../src/openapi/sort-keys.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

const BODY = '{"__proto__":{"x":1},"constructor":{"y":2},"hasOwnProperty":3,"b":2}';

describe('OpenAPI with prototype-named keys', () => {
  it('sortKeysDeep keeps a `__proto__` key (it used to become the prototype and vanish)', () => {
    const sorted = sortKeysDeep(JSON.parse('{"z":1,"__proto__":{"b":1,"a":2}}')) as Record<string, unknown>;
    expect(JSON.stringify(sorted)).toBe('{"__proto__":{"a":2,"b":1},"z":1}');
    expect(Object.getPrototypeOf(sorted)).toBe(Object.prototype);
  });

  it('toOpenApiSchema keeps a property named `__proto__`', () => {
    const schema = JSON.parse('{"$schema":"x","type":"object","properties":{"__proto__":{"type":"object","properties":{"__proto__":{}}},"a":{}}}');
    expect(JSON.stringify(toOpenApiSchema(schema))).toBe('{"type":"object","properties":{"__proto__":{"type":"object","properties":{"__proto__":{}}},"a":{}}}');
  });

  it('describes every recorded key in the example and the schema of a request and a response', async () => {
    const exchange = makeExchange({
      request: { method: 'POST', url: 'https://api.example.com/things', headers: [['content-type', 'application/json']], body: jsonBody(JSON.parse(BODY)) },
      response: { status: 201, body: jsonBody(JSON.parse(BODY)) },
    });
    const doc = buildOpenApi(inferEndpoints([exchange]), [exchange]) as {
      paths: Record<string, Record<string, { requestBody: MediaTypes; responses: Record<string, MediaTypes> }>>;
    };
    const post = doc.paths['/things']!['post']!;
    for (const media of [post.requestBody.content['application/json']!, post.responses['201']!.content['application/json']!]) {
      expect(Object.keys(media.example)).toEqual(['__proto__', 'b', 'constructor', 'hasOwnProperty']);
      expect(media.example['__proto__']).toEqual({ x: 1 });
      expect(Object.keys(media.schema.properties)).toEqual(['__proto__', 'b', 'constructor', 'hasOwnProperty']);
    }
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });
});

interface MediaTypes {
  content: Record<string, { example: Record<string, unknown>; schema: { properties: Record<string, unknown> } }>;
}
