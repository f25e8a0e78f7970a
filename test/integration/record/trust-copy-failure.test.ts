// Regression: under `record -- <command>` in forward mode, a copy of the user's CA file that cannot be
// written (TMPDIR missing) left the proxy listening and the cassette locked, so apitape never exited.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuilt } from '../../helpers/built-cli.js';
import { tempDir } from './helpers.js';

describe('record -- <command> when the merged CA file cannot be written', () => {
  it('exits 3 with the reason, runs no command, and touches no cassette', async () => {
    const cwd = await tempDir();
    const home = await tempDir('apitape-home-');
    const corp = path.join(cwd, 'corp.pem');
    await fs.writeFile(corp, '-----BEGIN CERTIFICATE-----\nCORP\n-----END CERTIFICATE-----\n');
    const marker = path.join(cwd, 'ran');
    const env = ['env', `APITAPE_HOME=${home}`, `NODE_EXTRA_CA_CERTS=${corp}`, `TMPDIR=${path.join(cwd, 'missing')}`];
    const command = [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`];
    const { code, output } = await runBuilt(cwd, ['record', '--port', '0', '--quiet', '--', ...command], env);
    expect(code).toBe(3);
    expect(output).toMatch(/cannot write a copy of NODE_EXTRA_CA_CERTS=.*corp\.pem with the apitape CA appended .*\(ENOENT\)/);
    await expect(fs.access(marker)).rejects.toThrow();
    await expect(fs.readdir(path.join(cwd, 'cassettes'))).rejects.toMatchObject({ code: 'ENOENT' }); // nothing was touched: no cassette, no lock
  }, 60_000);
});
