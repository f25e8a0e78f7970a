// `apitape ca`: creates the CA on first use and prints it, its path, or how to trust it.
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { tempDir } from './helpers.js';

describe('apitape ca', () => {
  it('creates the CA on first use, then prints its path, its PEM and per-client trust instructions', async () => {
    const cwd = await tempDir();
    const home = path.join(cwd, 'apitape-home');
    const pathIo = fakeIo(cwd, { APITAPE_HOME: home });
    expect(await main(['ca', '--path'], pathIo)).toBe(0);
    const certPath = pathIo.out().trim();
    expect(certPath).toBe(path.join(home, 'ca', 'ca.pem'));
    expect((await stat(path.join(home, 'ca', 'ca-key.pem'))).mode & 0o777).toBe(0o600);

    const pemIo = fakeIo(cwd, { APITAPE_HOME: home });
    expect(await main(['ca', '--pem'], pemIo)).toBe(0);
    expect(pemIo.out()).toBe(await readFile(certPath, 'utf8'));
    expect(new X509Certificate(pemIo.out()).ca).toBe(true);

    const io = fakeIo(cwd, { APITAPE_HOME: home });
    expect(await main(['ca'], io)).toBe(0);
    for (const needle of [certPath, 'NODE_EXTRA_CA_CERTS=', 'curl --cacert', 'REQUESTS_CA_BUNDLE=', 'SSL_CERT_FILE=', 'keytool -importcert', 'Firefox', 'update-ca-certificates']) {
      expect(io.out()).toContain(needle);
    }
    expect(io.out()).not.toContain('created now');
  });

  it('refuses a key readable by others with the chmod that fixes it (exit 3)', async () => {
    const cwd = await tempDir();
    const home = path.join(cwd, 'apitape-home');
    expect(await main(['ca', '--path'], fakeIo(cwd, { APITAPE_HOME: home }))).toBe(0);
    const { chmod } = await import('node:fs/promises');
    await chmod(path.join(home, 'ca', 'ca-key.pem'), 0o640);
    const io = fakeIo(cwd, { APITAPE_HOME: home });
    expect(await main(['ca'], io)).toBe(3);
    expect(io.err()).toContain(`chmod 600 '${path.join(home, 'ca', 'ca-key.pem')}'`);
  });
});
