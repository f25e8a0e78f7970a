import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { apitapeHome, caFiles, loadOrCreateCa, type GenerateCa } from '../../../src/record/ca.js';
import { generateCaPair } from '../../../src/record/proxy.js';

let dir: string;
let generated = 0;
const generate: GenerateCa = async (name) => {
  generated += 1;
  return generateCaPair(name);
};

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-ca-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<ApitapeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApitapeError);
  return error as ApitapeError;
}

describe('apitapeHome', () => {
  it('honours APITAPE_HOME, then the platform config directory', () => {
    expect(apitapeHome({ APITAPE_HOME: '/srv/at' }, 'linux', '/home/u')).toBe('/srv/at');
    expect(apitapeHome({}, 'linux', '/home/u')).toBe('/home/u/.config/apitape');
    expect(apitapeHome({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/apitape');
    expect(apitapeHome({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/apitape');
  });
});

describe('loadOrCreateCa', () => {
  it('creates a CA on first use with a 0600 key in a 0700 directory, then reuses it', async () => {
    const home = path.join(dir, 'home');
    const first = await loadOrCreateCa(home, generate);
    expect(first.created).toBe(true);
    const files = caFiles(home);
    expect((await fs.stat(files.dir)).mode & 0o777).toBe(0o700);
    expect((await fs.stat(files.keyPath)).mode & 0o777).toBe(0o600);
    expect(new X509Certificate(await fs.readFile(files.certPath)).ca).toBe(true);
    expect(await fs.readFile(files.bundlePath, 'utf8')).toContain(first.cert.trim());
    const before = generated;
    const second = await loadOrCreateCa(home, generate);
    expect(second.created).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(generated).toBe(before);
    const other = await loadOrCreateCa(path.join(dir, 'other'), generate);
    expect(other.fingerprint).not.toBe(first.fingerprint);
  });

  it('refuses a key or directory readable by others, naming the chmod that fixes it', async () => {
    const home = path.join(dir, 'home');
    const { files } = await loadOrCreateCa(home, generate);
    await fs.chmod(files.keyPath, 0o644);
    const loose = await rejection(loadOrCreateCa(home, generate));
    expect(loose.code).toBe('CA_PERMISSIONS');
    expect(loose.hint).toBe(`run: chmod 600 '${files.keyPath}'`);
    await fs.chmod(files.keyPath, 0o600);
    await fs.chmod(files.dir, 0o755);
    expect((await rejection(loadOrCreateCa(home, generate))).hint).toBe(`run: chmod 700 '${files.dir}'`);
  });

  it('treats a missing, truncated or mismatched half as damaged and never regenerates it', async () => {
    const home = path.join(dir, 'home');
    const { files, cert } = await loadOrCreateCa(home, generate);
    const key = await fs.readFile(files.keyPath, 'utf8');
    const before = generated;

    await fs.writeFile(files.certPath, cert.slice(0, 200));
    const truncated = await rejection(loadOrCreateCa(home, generate));
    expect(truncated.code).toBe('CA_DAMAGED');
    expect(truncated.hint).toContain(`delete ${files.dir}`);

    const stranger = await loadOrCreateCa(path.join(dir, 'stranger'), generate);
    await fs.writeFile(files.certPath, stranger.cert);
    expect((await rejection(loadOrCreateCa(home, generate))).message).toMatch(/key does not belong/);

    await fs.rm(files.certPath);
    expect((await rejection(loadOrCreateCa(home, generate))).message).toMatch(/ca\.pem is missing/);
    expect(await fs.readFile(files.keyPath, 'utf8')).toBe(key);
    expect(generated).toBe(before + 1); // only the stranger's
  });

  it('refuses a CA about to expire', async () => {
    const home = path.join(dir, 'home');
    const ca = await loadOrCreateCa(home, generate);
    const later = new Date(ca.validTo.getTime() - 3600_000);
    expect((await rejection(loadOrCreateCa(home, generate, later))).code).toBe('CA_EXPIRED');
  });
});
