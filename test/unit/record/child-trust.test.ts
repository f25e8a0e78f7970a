import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { childEnvironment } from '../../../src/record/child-env.js';
import { mergeUserTrust } from '../../../src/record/child-trust.js';

const OURS = '-----BEGIN CERTIFICATE-----\nOURS\n-----END CERTIFICATE-----\n';
const CORP = '-----BEGIN CERTIFICATE-----\nCORP\n-----END CERTIFICATE-----';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apitape-trust-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('mergeUserTrust', () => {
  it("appends the apitape CA to each CA file the user set, in private copies it removes on dispose", async () => {
    const dir = await tempDir();
    const corp = path.join(dir, 'corp.pem');
    await writeFile(corp, CORP);
    const trust = await mergeUserTrust({ NODE_EXTRA_CA_CERTS: corp, REQUESTS_CA_BUNDLE: corp, PATH: '/bin' }, OURS, dir);
    expect(Object.keys(trust.overrides).sort()).toEqual(['NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE']);
    const merged = trust.overrides.NODE_EXTRA_CA_CERTS!;
    expect(await readFile(merged, 'utf8')).toBe(`${CORP}\n${OURS}`);
    expect((await stat(merged)).mode & 0o777).toBe(0o600);
    expect(await readFile(corp, 'utf8')).toBe(CORP); // the user's file is not touched
    expect(trust.warnings).toEqual([]);
    await trust.dispose();
    expect((await readdir(dir)).sort()).toEqual(['corp.pem']);
  });

  it('warns about an unreadable file and leaves that variable to the defaults', async () => {
    const dir = await tempDir();
    const trust = await mergeUserTrust({ SSL_CERT_FILE: path.join(dir, 'missing.pem') }, OURS, dir);
    expect(trust.overrides).toEqual({});
    expect(trust.warnings).toEqual([expect.stringMatching(/^SSL_CERT_FILE=.*missing\.pem cannot be read \(ENOENT\): the command trusts the apitape CA and the system roots/)]);
    await trust.dispose();
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with CHILD_TRUST (exit 3) when the copy cannot be written, leaving no folder behind', async () => {
    const dir = await tempDir();
    const corp = path.join(dir, 'corp.pem');
    await writeFile(corp, CORP);
    const error = await mergeUserTrust({ NODE_EXTRA_CA_CERTS: corp }, OURS, path.join(dir, 'missing')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CHILD_TRUST', exit: 3 });
    expect((error as Error).message).toMatch(/NODE_EXTRA_CA_CERTS=.*corp\.pem .*\(ENOENT\)$/);
    expect(await readdir(dir)).toEqual(['corp.pem']);
  });

  it('the overrides win over the defaults in the child environment', () => {
    const env = childEnvironment(
      { NODE_EXTRA_CA_CERTS: '/corp.pem' },
      { mode: 'forward', proxyUrl: 'http://127.0.0.1:1', caCertPath: '/ca.pem', caBundlePath: '/bundle.pem', preloadPath: '/p.js', trustOverrides: { NODE_EXTRA_CA_CERTS: '/merged.pem' } },
    );
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/merged.pem');
    expect(env.SSL_CERT_FILE).toBe('/bundle.pem');
  });
});
