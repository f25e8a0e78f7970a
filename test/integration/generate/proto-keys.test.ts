// JSON keys named like Object.prototype members (`__proto__`, `constructor`, `hasOwnProperty`) survive
// every stage: redaction, inference, the generated collection (schemas, bodies, examples, chaining),
// and newman runs the collection against the API with every test passing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { redactExchange } from '../../../src/cassette/redact.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { generateCollection } from '../../../src/collection/generate.js';
import type { CollectionItem } from '../../../src/collection/types.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';
import { runNewman, withValues } from './newman-run.js';
import { listenForTest } from '../../helpers/loopback.js';

const SENT = '{"__proto__":{"x":1},"constructor":{"name":"c"},"hasOwnProperty":true,"name":"thing"}';
const CREATED = '{"id":"thing-4711","__proto__":{"ref":"ref-90817","token":"sekret-token-4711"},"constructor":{"name":"c"},"hasOwnProperty":true,"toString":"s"}';
const REF = '{"ok":true,"constructor":"ref","hasOwnProperty":{"__proto__":[1,2]}}';

/** An API answering POST /things and GET /refs/ref-90817 with the bodies above. */
async function startApi(): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const found = req.method === 'POST' && req.url === '/things' ? [201, CREATED] : req.method === 'GET' && req.url === '/refs/ref-90817' ? [200, REF] : [404, '{}'];
      res.writeHead(found[0] as number, { 'content-type': 'application/json' });
      res.end(found[1]);
    });
  });
  const port = await listenForTest(server);
  return `http://127.0.0.1:${port}`;
}

function recorded(): Exchange[] {
  const json: Array<[string, string]> = [['content-type', 'application/json']];
  return [
    makeExchange({
      id: 'a1',
      request: { method: 'POST', url: 'https://api.example.com/things', headers: json, body: jsonBody(JSON.parse(SENT)) },
      response: { status: 201, statusText: 'Created', headers: json, body: jsonBody(JSON.parse(CREATED)) },
    }),
    makeExchange({
      id: 'a2',
      request: { method: 'GET', url: 'https://api.example.com/refs/ref-90817' },
      response: { headers: json, body: jsonBody(JSON.parse(REF)) },
    }),
  ].map((exchange) => redactExchange(exchange));
}

function requests(items: CollectionItem[]): CollectionItem[] {
  return items.flatMap((i) => (i.item ? requests(i.item) : [i]));
}

describe('prototype-named JSON keys through redact → infer → generate → newman', () => {
  it('keeps the field names in the stored body, the schemas, the request body and the examples', () => {
    const exchanges = recorded();
    const created = (exchanges[0]!.response!.body as { value: Record<string, Record<string, string>> }).value;
    expect(Object.keys(created)).toEqual(['id', '__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(created['__proto__']!['token']).toMatch(/^<redacted:token:[0-9a-f]{6}>$/);

    const endpoints = inferEndpoints(exchanges);
    const { collection } = generateCollection({ name: 'proto', flows: [{ name: 'proto', exchanges }], endpoints });
    const schemas = new Map(collection.variable.filter((v) => v.key.startsWith('schema ')).map((v) => [v.key, JSON.parse(v.value) as { properties: object }]));
    expect(Object.keys(schemas.get('schema POST /things 201')!.properties)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'id', 'toString']);
    expect(Object.keys(schemas.get('schema GET /refs/ref-90817 200')!.properties)).toEqual(['constructor', 'hasOwnProperty', 'ok']);

    const [post, get] = requests(collection.item);
    const sent = JSON.parse((post!.request as { body: { raw: string } }).body.raw) as object;
    expect(Object.keys(sent)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'name']);
    const example = JSON.parse((post!.response as Array<{ body: string }>)[0]!.body) as object;
    expect(Object.keys(example)).toEqual(['id', '__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(post!.description).toContain('`/__proto__/ref`');
    expect((get!.request as { url: { raw: string } }).url.raw).toMatch(/^\{\{baseUrl\}\}\/refs\/\{\{\w+\}\}$/);
  });

  it('runs in newman against the API with every test passing, the chained value read from below `__proto__`', async () => {
    const exchanges = recorded();
    const { collection, environments } = generateCollection({ name: 'proto', flows: [{ name: 'proto', exchanges }], endpoints: inferEndpoints(exchanges) });
    const outcome = await runNewman(collection, withValues(environments[0]!, { baseUrl: await startApi() }));
    expect(outcome.failures).toEqual([]);
    expect(outcome.requests).toBe(2);
    expect(outcome.assertions.map((a) => a.test)).toEqual(expect.arrayContaining([expect.stringMatching(/^saves \{\{\w+\}\} from body \/__proto__\/ref$/)]));
    expect(outcome.assertions.length).toBeGreaterThanOrEqual(7);
    expect(outcome.assertions.every((a) => a.passed)).toBe(true);
  });
});
