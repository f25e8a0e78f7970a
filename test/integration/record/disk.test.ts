// The built recorder when the disk fails it (RELIABILITY 31, 32): a real write error (EFBIG, from a
// file-size limit set with util-linux `prlimit` on the recorder process) stops the recording loudly
// with exit 3 and a message naming the file, keeps what was saved, leaves other cassettes alone; and
// a kill -9 during --overwrite leaves the old cassette whole. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { readCassetteAll } from '../../../src/cassette/store.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { tempDir, upstream } from './helpers.js';
import { spawnRecorder } from '../../helpers/built-cli.js';


/** Each response body is 8000 bytes, so a cassette line is a little over 8 KB. */
async function bigUpstream(): Promise<string> {
  return (
    await upstream((req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end('x'.repeat(8000));
    })
  ).url;
}

/** Sends GETs one after another until one fails (the recorder stopped) or `max` were sent. */
async function sendUntilRefused(url: string, max: number): Promise<number> {
  for (let i = 0; i < max; i += 1) {
    try {
      await (await request(`${url}/item/${i}`)).body.dump();
    } catch {
      return i;
    }
  }
  return max;
}

/** Runs the recorder with a file-size limit of `bytes` (RLIMIT_FSIZE: writes past it fail with EFBIG). */
function limitFileSize(bytes: number): string[] {
  expect(spawnSync('prlimit', ['--version']).status, 'prlimit (util-linux) is needed for this test').toBe(0);
  return ['prlimit', `--fsize=${bytes}`];
}

/** A small cassette recorded in-process, and its bytes. */
async function otherCassette(cwd: string, name: string, target: string): Promise<Buffer> {
  const io = fakeIo(cwd, { PATH: process.env.PATH });
  const script = `fetch(process.env.APITAPE_BASE_URL + '/other').then((r) => r.text())`;
  expect(await main(['record', '--target', target, '--port', '0', '--quiet', '--cassette', name, '--', process.execPath, '-e', script], io)).toBe(0);
  return fs.readFile(path.join(cwd, 'cassettes', `${name}.ndjson`));
}

describe('a write error while recording', () => {
  it('stops with exit 3 and a message naming the file and the fix; what was saved stays readable; other cassettes are untouched', async () => {
    const cwd = await tempDir();
    const target = await bigUpstream();
    const other = await otherCassette(cwd, 'other', target);
    const rec = await spawnRecorder(cwd, ['--target', target, '--cassette', 'full'], limitFileSize(40_000));
    const sent = await sendUntilRefused(rec.url, 200);
    expect((await rec.exit).code).toBe(3); // it stopped by itself: nothing hangs
    expect(sent).toBeLessThan(200);

    const file = path.join(cwd, 'cassettes', 'full.ndjson');
    const out = rec.output();
    expect(out).toContain(`apitape: recording stopped: cannot write to ${file}: EFBIG`);
    const printed = [...out.matchAll(/^GET http:\/\/\S+(\/item\/\d+) → 200 /gm)].map((m) => m[1]);
    expect(printed.length).toBeGreaterThan(0);
    expect(out).toContain(
      `  the ${printed.length} exchange${printed.length === 1 ? ' saved before the failure stays' : 's saved before the failure stay'} readable in ${path.join('cassettes', 'full.ndjson')}; ` +
        'the file-size limit was reached (see `ulimit -f`): raise it, then record again\n',
    );
    const warnings: string[] = [];
    const { exchanges } = await readCassetteAll(file, { onWarning: (w) => warnings.push(w) });
    // Every exchange reported as recorded is in the file, in order. (A few more may be: the lines of
    // the batch whose write failed that made it whole before the failure.)
    expect(exchanges.map((e) => new URL(e.request.url).pathname).slice(0, printed.length)).toEqual(printed);
    expect(warnings.join('\n')).toMatch(/^$|the last line is incomplete/);
    expect(await fs.readFile(path.join(cwd, 'cassettes', 'other.ndjson'))).toEqual(other);
    expect((await fs.readdir(path.join(cwd, 'cassettes'))).sort()).toEqual(['full.ndjson', 'other.ndjson']); // lock released

    const next = await spawnRecorder(cwd, ['--target', target, '--cassette', 'full']); // no limit now: appending goes on
    await (await request(`${next.url}/after`)).body.dump();
    next.child.kill('SIGTERM');
    expect((await next.exit).code).toBe(143);
    const after = (await readCassetteAll(file)).exchanges;
    expect(after.map((e) => new URL(e.request.url).pathname)).toEqual([...exchanges.map((e) => new URL(e.request.url).pathname), '/after']);
  }, 120_000);

  it('with --overwrite leaves the old cassette as it was and keeps the new exchanges aside', async () => {
    const cwd = await tempDir();
    const target = await bigUpstream();
    const old = await otherCassette(cwd, 'flow', target);
    const rec = await spawnRecorder(cwd, ['--target', target, '--cassette', 'flow', '--overwrite'], limitFileSize(40_000));
    await sendUntilRefused(rec.url, 200);
    expect((await rec.exit).code).toBe(3);

    const file = path.join(cwd, 'cassettes', 'flow.ndjson');
    expect(await fs.readFile(file)).toEqual(old);
    const staging = (await fs.readdir(path.dirname(file))).filter((f) => f !== 'flow.ndjson');
    expect(staging).toEqual([expect.stringMatching(/^flow\.ndjson\.recording-\d+$/)]);
    const saved = (await readCassetteAll(path.join(path.dirname(file), staging[0]!), { onWarning: () => undefined })).exchanges;
    expect(saved.length).toBeGreaterThan(0);
    const hint = new RegExp(`  cassettes/flow\\.ndjson was left as it was; the (\\d+) exchanges? saved before the failure (?:is|are) in cassettes/${staging[0]}; the file-size limit was reached`);
    const reported = Number(hint.exec(rec.output())?.[1]);
    expect(reported).toBeGreaterThan(0);
    expect(reported).toBeLessThanOrEqual(saved.length);
  }, 120_000);
});

describe('kill -9 during --overwrite', () => {
  it('leaves the old cassette whole; the interrupted recording is kept aside and named on the next start', async () => {
    const cwd = await tempDir();
    const target = await bigUpstream();
    const old = await otherCassette(cwd, 'flow', target);
    const rec = await spawnRecorder(cwd, ['--target', target, '--cassette', 'flow', '--overwrite']);
    for (let i = 0; i < 3; i += 1) await (await request(`${rec.url}/new/${i}`)).body.dump();
    for (let i = 0; i < 400 && !/new\/2 → 200/.test(rec.output()); i += 1) await new Promise((r) => setTimeout(r, 25));
    rec.child.kill('SIGKILL');
    expect((await rec.exit).signal).toBe('SIGKILL');

    const file = path.join(cwd, 'cassettes', 'flow.ndjson');
    expect(await fs.readFile(file)).toEqual(old);
    const staging = (await fs.readdir(path.dirname(file))).find((f) => f.startsWith('flow.ndjson.recording-'))!;
    expect((await readCassetteAll(path.join(path.dirname(file), staging))).exchanges.map((e) => new URL(e.request.url).pathname)).toEqual(['/new/0', '/new/1', '/new/2']);

    const next = await spawnRecorder(cwd, ['--target', target, '--cassette', 'flow', '--overwrite']);
    expect(next.output()).toContain(`${path.join(path.dirname(file), staging)} holds an --overwrite recording that did not replace flow.ndjson`);
    await (await request(`${next.url}/again`)).body.dump();
    next.child.kill('SIGINT');
    expect((await next.exit).code).toBe(130);
    expect((await readCassetteAll(file)).exchanges.map((e) => new URL(e.request.url).pathname)).toEqual(['/again']);
  }, 120_000);
});
