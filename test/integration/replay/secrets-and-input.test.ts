// Review fixes, end to end through the CLI: secrets echoed by the server never reach any report or
// the terminal (assertion messages, script errors, URL-path keys), and a malformed baseUrl is bad input.
import * as fs from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { tempProject, writeEnvironment } from './project.js';

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const API_KEY = 'sk_live_QUERYSECRET42';
const PATH_KEY = 'PATHKEY9f8e7d6c';

/** Answers every request with its own URL and query key, as a careless API echoes input. */
async function startEchoServer(): Promise<string> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ echo: url.searchParams.get('key'), path: url.pathname }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function echoProject(baseUrl: string): Promise<string> {
  const dir = await tempProject();
  const collection = {
    info: { name: 'echo', schema },
    item: [
      {
        name: 'echo',
        request: { method: 'GET', url: '{{baseUrl}}/echo?key={{apiKey}}' },
        event: [
          {
            listen: 'test',
            script: {
              type: 'text/javascript',
              exec: [
                "pm.test('echo is fixed', () => pm.expect(pm.response.json().echo).to.eql('nope'));",
                "pm.test('path is fixed', () => pm.expect(pm.response.json().path).to.eql('/nope'));",
                "throw new Error('body was ' + pm.response.text());",
              ],
            },
          },
        ],
      },
    ],
  };
  await fs.mkdir(path.join(dir, 'collections'));
  await fs.writeFile(path.join(dir, 'collections/echo.postman_collection.json'), JSON.stringify(collection));
  await writeEnvironment(dir, 'prod', { baseUrl, apiKey: '' });
  return dir;
}

async function readTree(dir: string): Promise<string> {
  const names = await fs.readdir(dir, { recursive: true });
  const texts = await Promise.all(names.map((n) => fs.readFile(path.join(dir, n), 'utf8').catch(() => '')));
  return texts.join('\n');
}

describe('apitape replay: secrets given on the command line', () => {
  it('scrubs them from failed-assertion messages, script errors and URL paths in every file and on the terminal', async () => {
    const origin = await startEchoServer();
    const dir = await echoProject(origin);
    const io = fakeIo(dir, { APITAPE_VAR_apiKey: API_KEY });
    const code = await main(['replay', '--env', 'prod', '--env-var', `baseUrl=${origin}/v3/${PATH_KEY}`, '--out', 'out'], io);
    expect(code, io.err()).toBe(1);
    const written = await readTree(path.join(dir, 'out'));
    expect(written).toContain('echo is fixed');
    expect(written).toContain('<redacted:apikey:');
    expect(written).toContain('<redacted:baseurl:');
    for (const secret of [API_KEY, PATH_KEY]) {
      expect(written).not.toContain(secret);
      expect(io.out()).not.toContain(secret);
      expect(io.err()).not.toContain(secret);
    }
    const run = JSON.parse(await fs.readFile(path.join(dir, 'out/run.json'), 'utf8'));
    expect(run.requests[0].assertions.filter((a: { passed: boolean }) => !a.passed)).toHaveLength(2);
    expect(run.errors[0].message).toContain('body was');
  }, 60_000);
});

describe('apitape replay: a malformed baseUrl', () => {
  it.each(['htp:/broken', 'localhost:3000'])('exits 2 before any request for %j, naming the variable, not the value', async (bad) => {
    const origin = await startEchoServer();
    const dir = await echoProject(origin);
    const io = fakeIo(dir, { APITAPE_VAR_apiKey: API_KEY });
    expect(await main(['replay', '--env', 'prod', '--env-var', `baseUrl=${bad}`, '--out', 'out'], io)).toBe(2);
    expect(io.err()).toContain('variable "baseUrl" (from --env-var) is not an absolute http(s) URL');
    expect(io.err()).not.toContain(bad);
    expect(await fs.stat(path.join(dir, 'out')).then(() => true, () => false)).toBe(false);
  });

  it('never echoes a malformed --env-var', async () => {
    const dir = await echoProject(await startEchoServer());
    const io = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod', '--env-var', API_KEY], io)).toBe(2);
    expect(io.err()).toContain('must look like key=value');
    expect(io.err()).not.toContain(API_KEY);
  });
});
