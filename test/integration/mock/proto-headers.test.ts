// The mock sends recorded response headers named `__proto__` or `constructor` as recorded, not as
// numbered junk headers (the header object used to get an array as its prototype).
import * as http from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildRoutes } from '../../../src/mock/routes.js';
import { startMockServer } from '../../../src/mock/server.js';
import { makeExchange } from '../../helpers/exchange.js';

function rawHeaders(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      resolve(res.rawHeaders);
    }).on('error', reject);
  });
}

describe('mock replies with prototype-named headers', () => {
  it('sends each recorded header once under its own name', async () => {
    const recorded: Array<[string, string]> = [['content-type', 'application/json'], ['constructor', 'a'], ['__proto__', 'b1'], ['__proto__', 'b2'], ['X-Other', 'c']];
    const exchange = makeExchange({ request: { url: 'http://api.example.com/things' }, response: { headers: recorded } });
    const mock = await startMockServer({ routes: buildRoutes([], [{ source: 'flow', exchange }]), port: 0 });
    onTestFinished(() => mock.stop());
    const raw = await rawHeaders(`${mock.url}/things`);
    const pairs = raw.flatMap((value, i) => (i % 2 === 0 ? [[value, raw[i + 1]!]] : []));
    expect(pairs.filter(([name]) => !/^(content-length|x-apitape-exchange)$/.test(name!))).toEqual(recorded);
  });
});
