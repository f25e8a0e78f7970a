// Keeps a user's own CA files trusted under `record -- <command>` in forward mode: where a CA
// variable already points at a file (a corporate root in NODE_EXTRA_CA_CERTS, a bundle in
// SSL_CERT_FILE), the command gets that file plus the apitape CA instead of ours alone.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';

/** The variables the child's TLS clients read their trust from (child-env.ts sets each). */
export const CA_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'] as const;

/** Merged trust files for one command run. */
export interface ChildTrust {
  /** Variable → merged file, for each variable the user had set to a readable file. */
  overrides: Partial<Record<(typeof CA_VARIABLES)[number], string>>;
  /** One line per variable whose file could not be read (it is then replaced by ours, as before). */
  warnings: string[];
  /** Removes the merged files. */
  dispose(): Promise<void>;
}

/**
 * Writes, for each CA variable set in `env` to a readable file, a private copy of that file with
 * `caCert` appended (in a fresh 0700 folder under `tmpRoot`), so the command trusts both.
 */
export async function mergeUserTrust(env: Record<string, string | undefined>, caCert: string, tmpRoot = os.tmpdir()): Promise<ChildTrust> {
  const overrides: ChildTrust['overrides'] = {};
  const warnings: string[] = [];
  let dir: string | undefined;
  for (const name of CA_VARIABLES) {
    const file = env[name];
    if (!file) continue;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      warnings.push(`${name}=${file} cannot be read (${code}): the command trusts the apitape CA ${name === 'NODE_EXTRA_CA_CERTS' ? "and Node's own roots" : 'and the system roots'} instead`);
      continue;
    }
    try {
      dir ??= await fs.mkdtemp(path.join(tmpRoot, 'apitape-trust-'));
      const merged = path.join(dir, `${name.toLowerCase()}.pem`);
      await fs.writeFile(merged, `${text.trimEnd()}\n${caCert.trimEnd()}\n`, { mode: 0o600 });
      overrides[name] = merged;
    } catch (error) {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
      throw new ApitapeError('CHILD_TRUST', `cannot write a copy of ${name}=${file} with the apitape CA appended in ${tmpRoot} (${(error as NodeJS.ErrnoException).code})`, {
        exit: 3,
        cause: error,
        hint: 'set TMPDIR to a writable folder (or unset that variable to trust the apitape CA and the default roots only)',
      });
    }
  }
  return {
    overrides,
    warnings,
    dispose: async () => {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
