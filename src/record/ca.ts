// The per-install certificate authority that signs intercepted HTTPS hosts in forward mode: where it
// lives, how it is created (atomically, both files at once) and the checks before it is used.
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { hostname, homedir } from 'node:os';
import * as path from 'node:path';
import { rootCertificates } from 'node:tls';
import { ApitapeError } from '../errors.js';

/** The CA's files: `ca.pem` (public), `ca-key.pem` (0600) and `bundle.pem` (system roots + ours). */
export interface CaFiles {
  dir: string;
  certPath: string;
  keyPath: string;
  /** Our certificate followed by Node's root store: for clients that take one file as their whole trust store. */
  bundlePath: string;
}

export interface CertificateAuthority {
  cert: string;
  key: string;
  files: CaFiles;
  /** True when this call generated it. */
  created: boolean;
  /** SHA-256 fingerprint of the certificate, `AB:CD:…`. */
  fingerprint: string;
  validTo: Date;
}

/**
 * apitape's per-user directory: `$APITAPE_HOME`, else the platform's config directory
 * (`$XDG_CONFIG_HOME/apitape` or `~/.config/apitape`; `~/Library/Application Support/apitape` on
 * macOS; `%APPDATA%\apitape` on Windows). Never inside a project.
 */
export function apitapeHome(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.APITAPE_HOME) return path.resolve(env.APITAPE_HOME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'apitape');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'apitape');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'apitape');
}

/** The CA file paths under apitape home `home` (`<home>/ca/…`). */
export function caFiles(home: string): CaFiles {
  const dir = path.join(home, 'ca');
  return { dir, certPath: path.join(dir, 'ca.pem'), keyPath: path.join(dir, 'ca-key.pem'), bundlePath: path.join(dir, 'bundle.pem') };
}

/** A freshly generated PEM pair (injected so tests and `apitape ca` can share one generator). */
export type GenerateCa = (commonName: string) => Promise<{ cert: string; key: string }>;

/** Loads the CA under `home`, generating it on first use. Refuses loose permissions and damaged pairs. */
export async function loadOrCreateCa(home: string, generate: GenerateCa, now = new Date()): Promise<CertificateAuthority> {
  const files = caFiles(home);
  let created = false;
  if (!(await exists(files.dir))) created = await createCa(home, files, generate);
  const ca = await readCa(files, now);
  if (!(await exists(files.bundlePath))) await writeBundle(files, ca.cert);
  return { ...ca, created };
}

async function createCa(home: string, files: CaFiles, generate: GenerateCa): Promise<boolean> {
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  const temp = path.join(home, `ca.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await fs.mkdir(temp, { mode: 0o700 });
  try {
    const pair = await generate(`apitape CA ${hostname().slice(0, 24)} ${randomBytes(3).toString('hex')}`);
    await fs.writeFile(path.join(temp, 'ca-key.pem'), `${pair.key.trim()}\n`, { mode: 0o600 });
    await fs.writeFile(path.join(temp, 'ca.pem'), `${pair.cert.trim()}\n`, { mode: 0o644 });
    await fs.writeFile(path.join(temp, 'bundle.pem'), bundleText(pair.cert), { mode: 0o644 });
    await fs.chmod(temp, 0o700);
    await fs.rename(temp, files.dir); // both files appear at once, or neither
    return true;
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY') return false; // another process created it first
    throw new ApitapeError('CA_CREATE', `cannot create the CA in ${files.dir}: ${(error as Error).message}`, { cause: error, exit: 3 });
  }
}

async function readCa(files: CaFiles, now: Date): Promise<Omit<CertificateAuthority, 'created'>> {
  await checkMode(files.dir, 0o700, 'directory');
  const [cert, key] = await Promise.all([readPem(files.certPath), readPem(files.keyPath)]);
  if (cert === undefined || key === undefined) {
    throw damaged(files, `${cert === undefined ? files.certPath : files.keyPath} is missing`);
  }
  await checkMode(files.keyPath, 0o600, 'key file');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
    if (!x509.ca) throw new Error('the certificate is not a CA certificate');
    if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error('the key does not belong to the certificate');
  } catch (error) {
    throw damaged(files, (error as Error).message);
  }
  const validTo = new Date(x509.validTo);
  if (validTo.getTime() - now.getTime() < 48 * 3600_000) {
    throw new ApitapeError('CA_EXPIRED', `the apitape CA in ${files.dir} expires ${validTo.toISOString()}`, {
      exit: 3,
      hint: `delete ${files.dir} to generate a new one (then trust the new certificate again)`,
    });
  }
  return { cert, key, files, fingerprint: x509.fingerprint256, validTo };
}

function damaged(files: CaFiles, detail: string): ApitapeError {
  return new ApitapeError('CA_DAMAGED', `the apitape CA in ${files.dir} is damaged: ${detail}`, {
    exit: 3,
    hint: `apitape never regenerates half a pair: delete ${files.dir} to create a new CA (clients must then trust the new certificate)`,
  });
}

async function checkMode(file: string, expected: 0o600 | 0o700, what: string): Promise<void> {
  if (process.platform === 'win32') return;
  const stat = await fs.stat(file);
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
    throw new ApitapeError('CA_PERMISSIONS', `the CA ${what} ${file} is readable by others (mode ${mode})`, {
      exit: 3,
      hint: `run: chmod ${expected.toString(8)} '${file}'`,
    });
  }
}

async function readPem(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeBundle(files: CaFiles, cert: string): Promise<void> {
  const temp = `${files.bundlePath}.${process.pid}.tmp`;
  await fs.writeFile(temp, bundleText(cert), { mode: 0o644 });
  await fs.rename(temp, files.bundlePath);
}

function bundleText(cert: string): string {
  return `${cert.trim()}\n${rootCertificates.join('\n')}\n`;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
