// Forward mode: a regular HTTP proxy that intercepts HTTPS (CONNECT) with the per-install CA.
// Real clients: curl --cacert, undici's ProxyAgent, Node fetch and Python urllib under
// `record -- <command>`. Several hosts in one recording stay apart. Needs `npm run build` (the
// preload for Node children is loaded from dist/).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { createServer as createHttpsServer } from 'node:https';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ProxyAgent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { readBody, readRecorded, startRecording, tempDir, upstream } from './helpers.js';
import { listenForTest } from '../../helpers/loopback.js';

const run = promisify(execFile);
let home: string;
let upstreamCert: string;
let upstreamCertFile: string;
let upstreamKey: string;

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'apitape-fwd-'));
  home = path.join(dir, 'home');
  upstreamCertFile = path.join(dir, 'upstream-cert.pem');
  const keyFile = path.join(dir, 'upstream-key.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', upstreamCertFile, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  upstreamCert = await readFile(upstreamCertFile, 'utf8');
  upstreamKey = await readFile(keyFile, 'utf8');
});

/** An HTTPS API on localhost with its own (test-only) certificate. */
async function httpsUpstream(): Promise<string> {
  const server = createHttpsServer({ key: upstreamKey, cert: upstreamCert }, async (req, res) => {
    const body = await readBody(req);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ secure: true, path: req.url, got: body.toString() }));
  });
  const port = await listenForTest(server);
  return `https://localhost:${port}`;
}

async function plainUpstream(): Promise<string> {
  const { url } = await upstream((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ secure: false, path: req.url }));
  });
  return url;
}

const caPath = () => path.join(home, 'ca', 'ca.pem');

describe('apitape record (forward mode)', () => {
  it('intercepts HTTPS for curl --cacert and undici, and keeps each host apart', async () => {
    const cwd = await tempDir();
    const secure = await httpsUpstream();
    const plain = await plainUpstream();
    const rec = await startRecording(cwd, ['--upstream-ca', upstreamCertFile], { APITAPE_HOME: home });
    expect(rec.io.out()).toContain(`HTTPS is intercepted with the apitape CA: ${caPath()}`);

    const curled = await run('curl', ['-sS', '--fail', '--proxy', rec.url, '--cacert', caPath(), '-d', 'from=curl', `${secure}/items?via=curl`]);
    expect(JSON.parse(curled.stdout)).toMatchObject({ secure: true, path: '/items?via=curl', got: 'from=curl' });
    const agent = new ProxyAgent({ uri: rec.url, requestTls: { ca: await readFile(caPath(), 'utf8') } });
    onTestFinished(() => agent.close());
    const viaUndici = await request(`${secure}/items?via=undici`, { dispatcher: agent });
    expect(await viaUndici.body.json()).toMatchObject({ secure: true });
    const viaPlain = await request(`${plain}/status`, { dispatcher: agent });
    expect(await viaPlain.body.json()).toMatchObject({ secure: false });
    const untrusting = await run('curl', ['-sS', '--proxy', rec.url, `${secure}/nope`]).catch((error: { code: number }) => error);
    expect(untrusting).toMatchObject({ code: 60 }); // curl: peer certificate cannot be authenticated
    for (let i = 0; i < 40 && !rec.io.err().includes('apitape CA'); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(rec.io.err()).toMatch(/a client closed the TLS connection to localhost \(.+\): it probably does not trust the apitape CA/);
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    expect(exchanges.map((e) => `${e.request.method} ${e.request.url} ${e.response?.status}`)).toEqual([
      `POST ${secure}/items?via=curl 200`,
      `GET ${secure}/items?via=undici 200`,
      `GET ${plain}/status 200`,
    ]);
    expect(new Set(exchanges.map((e) => new URL(e.request.url).origin))).toEqual(new Set([secure, plain]));
    expect(exchanges[0]!.request.body).toMatchObject({ kind: 'text', text: 'from=curl' });
  });

  it('verifies upstream TLS: an untrusted upstream certificate gives a 502, --insecure skips the check loudly', async () => {
    const cwd = await tempDir();
    const secure = await httpsUpstream();
    const rec = await startRecording(cwd, [], { APITAPE_HOME: home });
    const strict = await run('curl', ['-sS', '--proxy', rec.url, '--cacert', caPath(), '-w', '\n%{http_code}', `${secure}/x`]);
    expect(strict.stdout).toMatch(/certificate[\s\S]*\n502$/);
    await rec.stop();
    expect((await readRecorded(cwd))[0]).toMatchObject({ response: null, failure: { phase: 'tls' } });

    const loose = await startRecording(cwd, ['--insecure', '--cassette', 'loose'], { APITAPE_HOME: home });
    expect(loose.io.err()).toContain('upstream TLS certificates are NOT verified');
    const ok = await run('curl', ['-sS', '--fail', '--proxy', loose.url, '--cacert', caPath(), `${secure}/y`]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ secure: true });
    await loose.stop();
  });

  it('hands proxy and CA settings to `record -- <command>`: Node fetch, Python urllib and curl record unchanged', async () => {
    const cwd = await tempDir();
    const secure = await httpsUpstream();
    const plain = await plainUpstream();
    const nodeScript = path.join(cwd, 'app.mjs');
    await writeFile(
      nodeScript,
      `for (const url of process.argv.slice(2)) { const r = await fetch(url); console.log('node', r.status, (await r.json()).secure); }\n`,
    );
    const pyScript = path.join(cwd, 'app.py');
    await writeFile(
      pyScript,
      'import json, sys, urllib.request\nfor url in sys.argv[1:]:\n    with urllib.request.urlopen(url) as r:\n        print("python", r.status, json.load(r)["secure"])\n',
    );
    const env = { APITAPE_HOME: home, PATH: process.env.PATH, NO_PROXY: 'localhost,127.0.0.1', HOME: process.env.HOME };
    const commands: Array<[string, string[]]> = [
      ['node', [process.execPath, nodeScript, `${secure}/node`, `${plain}/node`]],
      ['python', ['python3', pyScript, `${secure}/python`, `${plain}/python`]],
      ['curl', ['curl', '-sS', '--fail', `${secure}/curl`, `${plain}/curl`]],
    ];
    for (const [name, command] of commands) {
      const io = fakeIo(cwd, env);
      const code = await main(['record', '--port', '0', '--upstream-ca', upstreamCertFile, '--cassette', name, '--', ...command], io);
      expect(code, io.err() + io.out()).toBe(0);
      const exchanges = await readRecorded(cwd, name);
      expect(exchanges.map((e) => `${e.request.url} ${e.response?.status}`)).toEqual([`${secure}/${name} 200`, `${plain}/${name} 200`]);
    }
  }, 120_000);
  it("keeps the user's own CA file trusted: NODE_EXTRA_CA_CERTS becomes their file plus the apitape CA, removed afterwards", async () => {
    const cwd = await tempDir();
    const secure = await httpsUpstream();
    const corp = path.join(cwd, 'corp.pem');
    const corpText = await readFile(upstreamCertFile, 'utf8'); // a real certificate: Node drops a file with a broken one whole
    await writeFile(corp, corpText);
    const script = path.join(cwd, 'app.mjs');
    await writeFile(
      script,
      `import { readFileSync } from 'node:fs';\n` +
        `const file = process.env.NODE_EXTRA_CA_CERTS; const text = readFileSync(file, 'utf8');\n` +
        `console.log(JSON.stringify({ file, corp: text.includes(${JSON.stringify(corpText.trim())}), certs: text.match(/BEGIN CERTIFICATE/g).length }));\n` +
        `const r = await fetch(process.argv[2]); console.log('status', r.status);\n`,
    );
    const io = fakeIo(cwd, { APITAPE_HOME: home, PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: corp });
    const code = await main(['record', '--port', '0', '--quiet', '--upstream-ca', upstreamCertFile, '--cassette', 'corp', '--', process.execPath, script, `${secure}/corp`], io);
    expect(code, io.err() + io.out()).toBe(0);
    const seen = JSON.parse(io.out().split('\n').find((l) => l.startsWith('{'))!) as { file: string; corp: boolean; certs: number };
    expect(seen.corp).toBe(true);
    expect(seen.certs).toBeGreaterThanOrEqual(2); // theirs, then ours
    expect(seen.file).not.toBe(corp);
    expect(io.out()).toContain('status 200'); // the interception certificate is trusted through the merged file
    await expect(readFile(seen.file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(corp, 'utf8')).toBe(corpText);
  }, 60_000);
});
