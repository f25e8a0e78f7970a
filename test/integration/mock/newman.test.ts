// The mock against newman: a plain Postman collection of the recorded flow runs green against it,
// and every body newman receives is byte-identical to the recording.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import newman from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { bodyBytes } from '../../../src/cassette/body.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { buildRoutes } from '../../../src/mock/routes.js';
import { startMockServer, type RunningMock } from '../../../src/mock/server.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { recordSampleFlow, type RecordedFlow } from './sample-flow.js';

let dir: string;
let flow: RecordedFlow;
let mock: RunningMock;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-mock-newman-'));
  const api = await startSampleApi({ seedUsers: 3 });
  try {
    flow = await recordSampleFlow(dir, api.url);
  } finally {
    await api.close();
  }
  const routes = buildRoutes(inferEndpoints(flow.exchanges), flow.exchanges.map((exchange) => ({ source: 'flow', exchange })));
  mock = await startMockServer({ routes, port: 0 });
});
afterAll(async () => {
  await mock?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** One collection item per recorded exchange; expected values enter the scripts as JSON data only. */
function itemFor(exchange: Exchange, index: number) {
  const url = new URL(exchange.request.url);
  const header = exchange.request.headers
    .filter(([name]) => /^(accept-encoding|content-type)$/i.test(name))
    .map(([key, value]) => ({ key, value }));
  const text = exchange.response!.body.kind === 'json' || exchange.response!.body.kind === 'text' ? bodyBytes(exchange.response!.body).toString('utf8') : null;
  const exec = [`pm.test('status', function () { pm.response.to.have.status(${JSON.stringify(exchange.response!.status)}); });`];
  if (text !== null) exec.push(`pm.test('body', function () { pm.expect(pm.response.text()).to.equal(${JSON.stringify(text)}); });`);
  return {
    name: `${index} ${exchange.request.method} ${url.pathname}`,
    request: {
      method: exchange.request.method,
      url: `{{baseUrl}}${url.pathname}${url.search}`,
      header,
      ...(exchange.request.body.kind === 'none' ? {} : { body: { mode: 'raw', raw: bodyBytes(exchange.request.body).toString('utf8') } }),
    },
    event: [{ listen: 'test', script: { type: 'text/javascript', exec } }],
  };
}

interface Received {
  name: string;
  code: number;
  body: Buffer;
}

function runNewman(collection: object, baseUrl: string): Promise<{ failures: number; assertions: number; received: Received[] }> {
  return new Promise((resolve, reject) => {
    const received: Received[] = [];
    const emitter = newman.run(
      { collection: collection as never, envVar: [{ key: 'baseUrl', value: baseUrl }], reporters: [] },
      (error, summary) => {
        if (error) reject(error);
        else resolve({ failures: summary.run.failures.length, assertions: summary.run.stats.assertions.total ?? 0, received });
      },
    );
    emitter.on('request', (_error: unknown, args: { item: { name: string }; response?: { code: number; stream?: Buffer } }) => {
      received.push({ name: args.item.name, code: args.response?.code ?? 0, body: Buffer.from(args.response?.stream ?? Buffer.alloc(0)) });
    });
  });
}

describe('apitape mock with newman', () => {
  it('runs the recorded flow green and hands newman the recorded bodies byte for byte', async () => {
    const collection = {
      info: { name: 'recorded flow', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: flow.exchanges.map(itemFor),
    };
    const result = await runNewman(collection, mock.url);
    expect(result.failures).toBe(0);
    expect(result.assertions).toBeGreaterThanOrEqual(flow.exchanges.length * 2 - 2);
    expect(result.received).toHaveLength(flow.exchanges.length);
    result.received.forEach((got, index) => {
      const recorded = flow.exchanges[index]!.response!;
      expect(got.code, got.name).toBe(recorded.status);
      expect(got.body.equals(bodyBytes(recorded.body)), got.name).toBe(true);
    });
    const pdf = result.received.find((r) => r.name.endsWith('/files/report.pdf'))!;
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('fails the run when the mock answers differently (the check can fail)', async () => {
    const exchange = flow.exchanges.find((e) => e.request.url.endsWith('/health'))!;
    const item = itemFor({ ...exchange, response: { ...exchange.response!, status: 201 } }, 0);
    const result = await runNewman({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [item] }, mock.url);
    expect(result.failures).toBe(1);
  });
});
