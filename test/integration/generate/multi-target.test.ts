// Cassettes recorded in reverse mode against two targets: `generate` writes one collection, the
// default environment and one environment per target, and `replay --env <cassette>` passes against
// each target with every request sent to it.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { parseEnvironment } from '../../../src/collection/environment.js';
import type { RunResult } from '../../../src/replay/types.js';
import { SAMPLE_CREDENTIALS, startSampleApi, type SampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { recordCrudFlow } from './record-crud.js';

let dir: string;
let staging: SampleApi;
let other: SampleApi;
let firstRun: { code: number; out: string; err: string };

async function generate(cwd: string, ...args: string[]) {
  const io = fakeIo(cwd);
  const code = await main(['generate', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function environment(cwd: string, name: string) {
  const file = path.join(cwd, 'environments', `${name}.postman_environment.json`);
  return parseEnvironment(await readFile(file, 'utf8'), file);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'apitape-multi-target-'));
  staging = await startSampleApi();
  other = await startSampleApi({ seedUsers: 4 });
  await recordCrudFlow(staging.url, path.join(dir, 'cassettes', 'staging.ndjson'), 'staging');
  await recordCrudFlow(other.url, path.join(dir, 'cassettes', 'other.ndjson'), 'other');
  firstRun = await generate(dir);
});

afterAll(async () => {
  await Promise.all([staging?.close(), other?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('generate with cassettes recorded against two targets', () => {
  it('writes the default environment and one per target, all with the same keys and secrets blank', async () => {
    expect(firstRun.code, firstRun.err).toBe(0);
    expect((await readdir(path.join(dir, 'environments'))).sort()).toEqual([
      'local.postman_environment.json',
      'other.postman_environment.json',
      'staging.postman_environment.json',
    ]);
    expect(firstRun.out).toContain(`wrote environments/staging.postman_environment.json: the API at ${staging.url} (target of cassette staging)`);
    expect(firstRun.out).toContain(`wrote environments/other.postman_environment.json: the API at ${other.url} (target of cassette other)`);
    const local = await environment(dir, 'local');
    for (const [name, api] of [['staging', staging], ['other', other]] as const) {
      const env = await environment(dir, name);
      expect(env.values.map((v) => v.key)).toEqual(local.values.map((v) => v.key));
      for (const v of env.values) expect(v.value).toBe(v.type === 'secret' ? '' : api.url);
    }
    expect(local.values.filter((v) => v.type === 'secret').map((v) => v.key)).toEqual(['password']);
  });

  it('gives the same bytes when run again', async () => {
    const names = (await readdir(path.join(dir, 'environments'))).sort();
    const before = await Promise.all(names.map((n) => readFile(path.join(dir, 'environments', n), 'utf8')));
    const collection = await readFile(path.join(dir, 'collections', 'other-staging.postman_collection.json'), 'utf8');
    const again = await generate(dir);
    expect(again.code, again.err).toBe(0);
    expect(await Promise.all(names.map((n) => readFile(path.join(dir, 'environments', n), 'utf8')))).toEqual(before);
    expect(await readFile(path.join(dir, 'collections', 'other-staging.postman_collection.json'), 'utf8')).toBe(collection);
  });

  it('lists every environment with its target under --json', async () => {
    const result = await generate(dir, '--json');
    const summary = JSON.parse(result.out) as { environment: string; environments: Array<{ name: string; target?: string; cassettes?: string[] }> };
    expect(summary.environment).toBe(path.join(dir, 'environments', 'local.postman_environment.json'));
    const [first, ...perTarget] = summary.environments.map((e) => [e.name, e.target, e.cassettes]);
    expect(first).toEqual(['local', undefined, undefined]);
    expect(perTarget.sort()).toEqual([
      ['other', other.url, ['other']],
      ['staging', staging.url, ['staging']],
    ]);
  });

  it.each(['staging', 'other'] as const)('replays the one collection against %s alone and passes', async (name) => {
    const api = name === 'staging' ? staging : other;
    const io = fakeIo(dir, { APITAPE_VAR_password: SAMPLE_CREDENTIALS.password });
    const out = `reports/${name}`;
    const code = await main(['replay', '--env', name, '--out', out], io);
    expect(code, io.err() + io.out()).toBe(0);
    const run = JSON.parse(await readFile(path.join(dir, out, 'run.json'), 'utf8')) as RunResult;
    expect(run.environment.name).toBe(name);
    expect(run.requests).toHaveLength(16);
    expect(new Set(run.requests.map((r) => new URL(r.request.url).origin))).toEqual(new Set([api.url]));
    expect(run.stats.failedAssertions).toBe(0);
  });
});

describe('generate with one target', () => {
  it('writes only the default environment, whatever the number of cassettes', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'apitape-one-target-'));
    onTestFinished(() => rm(cwd, { recursive: true, force: true }));
    await recordCrudFlow(staging.url, path.join(cwd, 'cassettes', 'first.ndjson'), 'first');
    await recordCrudFlow(staging.url, path.join(cwd, 'cassettes', 'second.ndjson'), 'second');
    const result = await generate(cwd);
    expect(result.code, result.err).toBe(0);
    expect(await readdir(path.join(cwd, 'environments'))).toEqual(['local.postman_environment.json']);
    expect(result.out).not.toContain('replay against one target');
    expect(existsSync(path.join(cwd, 'environments', 'first.postman_environment.json'))).toBe(false);
  });
});
