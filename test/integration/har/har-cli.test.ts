// `apitape import` / `apitape export --format har` through main(), in a temp project: round trip,
// har-validator, redaction of the canary secrets, and the error exits.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath, readCassetteAll } from '../../../src/cassette/store.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };
const FIXTURES = fileURLToPath(new URL('../../fixtures/har/', import.meta.url));
const CANARIES = ['canary-password-321', 'canary-cookie-456', 'canary-key-789', 'canary-token-123', 'canary-xkey-555', 'canary-secret-654', 'canary-access-987', 'Y2FuYXJ5'];

async function project(): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'apitape-har-'));
  onTestFinished(() => rm(cwd, { recursive: true, force: true }));
  return cwd;
}

async function run(cwd: string, ...argv: string[]) {
  const io = fakeIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function cassetteText(cwd: string, name: string): Promise<string> {
  return readFile(cassettePath(cwd, name), 'utf8');
}

describe('HAR import → export → import', () => {
  it.each([
    ['chrome.har', 7],
    ['firefox.har', 4],
    ['charles.har', 4],
    ['insomnia.har', 3],
    ['fiddler-utf16.har', 1],
    ['mitmproxy/with-bom.har', 1],
    ['mitmproxy/head-content-length.har', 1],
    ['mitmproxy/invalid_content_encoding.har', 1],
    ['mitmproxy/postdata.har', 1],
    ['mitmproxy/insomnia.har', 1],
  ])('%s round-trips through a valid HAR with nothing lost', async (fixture, expected) => {
    const cwd = await project();
    const first = await run(cwd, 'import', path.join(FIXTURES, fixture), '--cassette', 'first', '--all');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(new RegExp(`^imported ${expected} exchanges? from `));

    const exported = await run(cwd, 'export', '--format', 'har', '--cassette', 'first', '--out', 'first.har');
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toBe(`exported ${expected} exchange${expected === 1 ? '' : 's'} from cassette first to first.har\n`);
    const har = JSON.parse(await readFile(path.join(cwd, 'first.har'), 'utf8')) as { log: { creator: { name: string }; entries: unknown[] } };
    await expect(harValidator.har(har)).resolves.toBeTruthy();
    expect(har.log.creator.name).toBe('apitape');
    expect(har.log.entries).toHaveLength(expected);

    const second = await run(cwd, 'import', 'first.har', '--cassette', 'second', '--all');
    expect(second.code, second.err).toBe(0);
    expect(second.err).not.toContain('skipped'); // only bodies the first HAR never had are warned about again
    const a = await readCassetteAll(cassettePath(cwd, 'first'));
    const b = await readCassetteAll(cassettePath(cwd, 'second'));
    expect(b.exchanges).toEqual(a.exchanges);
  });
});

describe('apitape import', () => {
  it('redacts the secrets of a HAR in the cassette and in the exported HAR', async () => {
    const cwd = await project();
    for (const fixture of ['chrome.har', 'firefox.har', 'charles.har', 'insomnia.har']) {
      const name = fixture.replace('.har', '');
      expect((await run(cwd, 'import', path.join(FIXTURES, fixture), '--all')).code).toBe(0);
      expect((await run(cwd, 'export', '-f', 'har', '-c', name)).code).toBe(0);
      const cassette = await cassetteText(cwd, name);
      const exported = await readFile(path.join(cwd, 'exports', `${name}.har`), 'utf8');
      for (const canary of CANARIES) {
        expect(cassette, `${canary} in cassettes/${name}.ndjson`).not.toContain(canary);
        expect(exported, `${canary} in exports/${name}.har`).not.toContain(canary);
      }
      expect(cassette).toMatch(/<redacted:[a-z0-9_.-]+:[0-9a-f]{6}>/);
    }
    const chrome = await readFile(path.join(cwd, 'exports', 'chrome.har'), 'utf8');
    expect(chrome).toMatch(/"name": "authorization",\n\s+"value": "Bearer <redacted:authorization:[0-9a-f]{6}>"/);
    expect(chrome).toContain('api_key=%3Credacted%3Aapi_key%3A');
    expect(chrome).toMatch(/"name": "session",\n\s+"value": "<redacted:session:[0-9a-f]{6}>"/);
  });

  it('leaves out what recording leaves out (assets, preflights) unless --all, and names skipped entries', async () => {
    const cwd = await project();
    const result = await run(cwd, 'import', path.join(FIXTURES, 'chrome.har'));
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `imported 5 exchanges from ${path.join(FIXTURES, 'chrome.har')} (WebInspector 537.36) into ${path.join('cassettes', 'chrome.ndjson')}; ` +
        '1 skipped (see warnings); 2 static assets, preflights or excluded requests left out (--all keeps them)\n',
    );
    expect(result.err).toContain('apitape import: warning: skipped entry 6 (GET data:image/png;base64,');
    expect(result.err).not.toContain('entry 7');
    const { exchanges, header } = await readCassetteAll(cassettePath(cwd, 'chrome'));
    expect(header.name).toBe('chrome');
    expect(exchanges.map((e) => `${e.id} ${e.request.method} ${new URL(e.request.url).pathname}`)).toEqual([
      '000000 POST /v1/auth/login',
      '000001 GET /v1/users',
      '000002 GET /account',
      '000003 GET /v1/orders/42',
      '000004 GET /v1/live',
    ]);
  });

  it('imports the complete entries of a torn file with a warning, and prints JSON with --json', async () => {
    const cwd = await project();
    const result = await run(cwd, 'import', path.join(FIXTURES, 'truncated.har'), '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out) as { imported: number; cassette: string; warnings: string[]; skipped: unknown[] };
    expect(summary.cassette).toBe('truncated');
    expect(summary.imported).toBe(2);
    expect(summary.skipped).toEqual([]);
    expect(summary.warnings[0]).toMatch(/invalid JSON at \d+:\d+ .*read the 2 complete entries before it/);
  });

  it.each([
    ['not-har.json', /^apitape: .*not-har\.json is not a HAR file: found an object without a "log" object\n {2}expected a HAR file/],
    ['saved-page.har', /^apitape: .*saved-page\.har is not a HAR file: invalid JSON at 1:1/],
  ])('fails with exit 2 on %s, naming the file and what was expected', async (fixture, message) => {
    const cwd = await project();
    const result = await run(cwd, 'import', path.join(FIXTURES, fixture));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('fails with exit 2 on a missing file', async () => {
    const cwd = await project();
    const result = await run(cwd, 'import', 'nowhere.har');
    expect(result.code).toBe(2);
    expect(result.err).toBe('apitape: cannot read nowhere.har: no such file\n  give the path of a .har file exported from a browser or proxy tool\n');
  });

  it('refuses to replace a cassette unless --overwrite, and adds to it with --append', async () => {
    const cwd = await project();
    const har = path.join(FIXTURES, 'charles.har');
    expect((await run(cwd, 'import', har, '-c', 'orders')).code).toBe(0);
    const before = await cassetteText(cwd, 'orders');
    const again = await run(cwd, 'import', har, '-c', 'orders');
    expect(again.code).toBe(2);
    expect(again.err).toContain(`apitape: ${path.join('cassettes', 'orders.ndjson')} already exists\n  add --overwrite to replace it, --append`);
    expect(await cassetteText(cwd, 'orders')).toBe(before);

    expect((await run(cwd, 'import', har, '-c', 'orders', '--append')).code).toBe(0);
    expect((await readCassetteAll(cassettePath(cwd, 'orders'))).exchanges.map((e) => e.id)).toEqual(['000000', '000001', '000002', '000003', '000004', '000005', '000006', '000007']);
    expect((await run(cwd, 'import', har, '-c', 'orders', '--overwrite')).code).toBe(0);
    expect((await readCassetteAll(cassettePath(cwd, 'orders'))).exchanges).toHaveLength(4);
    expect((await run(cwd, 'import', har, '-c', 'orders', '--overwrite', '--append')).code).toBe(2);
    expect((await readdir(path.join(cwd, 'cassettes'))).sort()).toEqual(['orders.ndjson']);
  });

  it('keeps the old cassette when --overwrite meets a file that is not HAR', async () => {
    const cwd = await project();
    expect((await run(cwd, 'import', path.join(FIXTURES, 'charles.har'), '-c', 'orders')).code).toBe(0);
    const before = await cassetteText(cwd, 'orders');
    expect((await run(cwd, 'import', path.join(FIXTURES, 'not-har.json'), '-c', 'orders', '--overwrite')).code).toBe(2);
    expect(await cassetteText(cwd, 'orders')).toBe(before);
  });

  it('names the cassette after the file, made safe', async () => {
    const cwd = await project();
    await copyFile(path.join(FIXTURES, 'insomnia.har'), path.join(cwd, 'My Session (2).har'));
    expect((await run(cwd, 'import', 'My Session (2).har')).code).toBe(0);
    expect(await readdir(path.join(cwd, 'cassettes'))).toEqual(['My-Session-2-.ndjson']);
  });
});

describe('apitape export', () => {
  it('writes the same bytes every time, to a file or to stdout, and leaves no temp file', async () => {
    const cwd = await project();
    expect((await run(cwd, 'import', path.join(FIXTURES, 'chrome.har'), '--all')).code).toBe(0);
    expect((await run(cwd, 'export', '--format', 'har')).code).toBe(0);
    const once = await readFile(path.join(cwd, 'exports', 'chrome.har'), 'utf8');
    expect((await run(cwd, 'export', '--format', 'HAR')).code).toBe(0);
    expect(await readFile(path.join(cwd, 'exports', 'chrome.har'), 'utf8')).toBe(once);
    const piped = await run(cwd, 'export', '--format', 'har', '--out', '-');
    expect(piped.out).toBe(once);
    expect(piped.err).toBe('exported 7 exchanges from cassette chrome to stdout\n');
    expect(await readdir(path.join(cwd, 'exports'))).toEqual(['chrome.har']);
  });

  it('applies redaction rules added to the config after the import', async () => {
    const cwd = await project();
    expect((await run(cwd, 'import', path.join(FIXTURES, 'chrome.har'))).code).toBe(0);
    await writeFile(path.join(cwd, 'apitape.config.json'), JSON.stringify({ redact: { headers: ['x-request-id'] } }));
    expect((await run(cwd, 'export', '-f', 'har', '-o', 'out.har')).code).toBe(0);
    const har = await readFile(path.join(cwd, 'out.har'), 'utf8');
    expect(har).not.toMatch(/"value": "a[12]"/);
    expect(har).toMatch(/"name": "x-request-id",\n\s+"value": "<redacted:x-request-id:[0-9a-f]{6}>"/);
  });

  it.each([
    [['export', '--format', 'xml'], 'apitape: unknown export format "xml"\n  use --format har | postman | openapi\n'],
    [['export', '--format', 'constructor'], 'apitape: unknown export format "constructor"\n'],
    [['export'], "error: required option '-f, --format <format>' not specified"],
  ])('exits 2 for %j', async (argv, message) => {
    const cwd = await project();
    const result = await run(cwd, ...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it('exits 2 when there is no cassette, several, or the output folder is missing', async () => {
    const cwd = await project();
    const none = await run(cwd, 'export', '-f', 'har');
    expect(none.code).toBe(2);
    expect(none.err).toContain('there are no cassettes in cassettes/ to export');
    for (const name of ['a', 'b']) expect((await run(cwd, 'import', path.join(FIXTURES, 'charles.har'), '-c', name)).code).toBe(0);
    const several = await run(cwd, 'export', '-f', 'har');
    expect(several.code).toBe(2);
    expect(several.err).toBe('apitape: there are 2 cassettes (a, b); which one?\n  add --cassette a\n');
    const missing = await run(cwd, 'export', '-f', 'har', '-c', 'a', '-o', 'no/such/dir/a.har');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^apitape: cannot write .*a\.har: ENOENT/);
    const unknown = await run(cwd, 'export', '-f', 'har', '-c', 'zzz');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no cassette at');
  });
});
