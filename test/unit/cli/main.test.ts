import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe('main', () => {
  it('prints help listing every command, exit 0', async () => {
    const io = fakeIo(os.tmpdir());
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/Usage: apitape/);
    expect(io.out()).toMatch(/record/);
    expect(io.out()).toMatch(/Exit codes: 0 ok, 1 tests failed/);
  });

  it('exits 2 with a suggestion on an unknown command or option', async () => {
    const io = fakeIo(os.tmpdir());
    expect(await main(['recrod'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command 'recrod'/);
    expect(io.err()).toMatch(/Did you mean record\?/);
    const io2 = fakeIo(os.tmpdir());
    expect(await main(['record', '--no-such-flag'], io2)).toBe(2);
    expect(io2.err()).toMatch(/unknown option '--no-such-flag'/);
  });

  it('runs as the installed binary (built dist/), and sets the exit code', async () => {
    const { stdout } = await run(process.execPath, [path.join(root, 'bin/apitape.js'), '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const failed = await run(process.execPath, [path.join(root, 'bin/apitape.js'), 'nope']).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command 'nope'/) });
  });
});
