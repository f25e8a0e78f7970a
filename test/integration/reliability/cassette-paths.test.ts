// Where a cassette cannot go (RELIABILITY 33, 34): a file in the way of cassettes/, a cassettes folder
// or cassette that is a symlink out of the project, a folder the recorder may not write, a cassette
// another recorder holds. Each is an error naming the path, given before the port is bound: every
// case asks for a port this test holds, so a recorder that bound first would report the port instead.
import * as fs from 'node:fs/promises';
import { createServer } from 'node:http';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { listenForTest } from '../../helpers/loopback.js';
import { tempDir } from '../record/helpers.js';
import { runBuilt, spawnRecorder } from '../../helpers/built-cli.js';

const TARGET = ['--target', 'http://127.0.0.1:9'];

/** A port this test listens on until it finishes. */
async function heldPort(): Promise<string> {
  return String(await listenForTest(createServer()));
}

async function record(cwd: string, port: string): Promise<{ code: number; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(['record', ...TARGET, '--port', port], io);
  return { code, err: io.err() };
}

describe('cassette paths refused before the port is bound', () => {
  it('a file where the cassettes folder should be: exit 2, the file untouched', async () => {
    const cwd = await tempDir();
    await fs.writeFile(path.join(cwd, 'cassettes'), 'notes\n');
    const { code, err } = await record(cwd, await heldPort());
    expect(code).toBe(2);
    expect(err).toBe(`apitape: cannot write cassettes to ${path.join(cwd, 'cassettes')} (EEXIST)\n  a file is in the way of the cassettes folder\n`);
    expect(await fs.readFile(path.join(cwd, 'cassettes'), 'utf8')).toBe('notes\n');
  });

  it('a cassettes folder that is a symlink out of the project: exit 2, nothing written there', async () => {
    const cwd = await tempDir();
    const elsewhere = await tempDir('apitape-elsewhere-');
    await fs.symlink(elsewhere, path.join(cwd, 'cassettes'));
    const { code, err } = await record(cwd, await heldPort());
    expect(code).toBe(2);
    expect(err).toBe(
      `apitape: ${path.join(cwd, 'cassettes')} is a symlink to ${await fs.realpath(elsewhere)}, outside ${cwd}: cassettes are not written there\n` +
        '  replace the symlink with a folder, or run apitape in the project the cassettes belong to\n',
    );
    expect(await fs.readdir(elsewhere)).toEqual([]);
  });

  it('a cassette that is a symlink to a cassette out of the project: exit 2, that cassette untouched', async () => {
    const cwd = await tempDir();
    const elsewhere = await tempDir('apitape-elsewhere-');
    const foreign = path.join(elsewhere, 'shared.ndjson');
    const header = '{"apitape":"cassette","formatVersion":1,"name":"shared","createdAt":"2026-01-01T00:00:00.000Z"}\n';
    await fs.writeFile(foreign, header);
    await fs.mkdir(path.join(cwd, 'cassettes'));
    const link = path.join(cwd, 'cassettes', 'default.ndjson');
    await fs.symlink(foreign, link);
    const { code, err } = await record(cwd, await heldPort());
    expect(code).toBe(2);
    expect(err).toBe(
      `apitape: ${link} is a symlink to ${await fs.realpath(foreign)}, outside ${cwd}: cassettes are not written there\n` +
        '  replace the symlink with a file, or run apitape in the project the cassettes belong to\n',
    );
    expect(await fs.readFile(foreign, 'utf8')).toBe(header);
    expect((await fs.readdir(path.join(cwd, 'cassettes'))).sort()).toEqual(['default.ndjson']); // no lock left
  });

  it('a cassettes folder the recorder may not write (EACCES): exit 3 naming it (built binary, without the rights to ignore permissions)', async () => {
    const cwd = await tempDir();
    const cassettes = path.join(cwd, 'cassettes');
    await fs.mkdir(cassettes);
    await fs.chmod(cwd, 0o755);
    await fs.chmod(cassettes, 0o555);
    // root may write anywhere: under root the recorder runs without the capabilities that let it ignore
    // permission bits (setpriv, util-linux). It stays uid 0, so it can still read the checkout wherever
    // it lies (another user could not read one cloned under a 0700 folder such as `mktemp -d`'s).
    const dropped = '-dac_override,-dac_read_search,-fowner';
    const asUser = process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${dropped}`, `--bounding-set=${dropped}`] : [];
    const { code, output } = await runBuilt(cwd, ['record', ...TARGET, '--port', await heldPort()], asUser);
    expect({ code, output }).toEqual({ code: 3, output: `apitape: cannot write cassettes to ${cassettes} (EACCES)\n  check the folder permissions\n` });
    expect(await fs.readdir(cassettes)).toEqual([]);
  });
});

describe('a cassettes folder linked inside the project', () => {
  it('is used as it is', async () => {
    const cwd = await tempDir();
    await fs.mkdir(path.join(cwd, 'data', 'tapes'), { recursive: true });
    await fs.symlink(path.join('data', 'tapes'), path.join(cwd, 'cassettes'));
    const io = fakeIo(cwd);
    const done = main(['record', ...TARGET, '--port', '0'], io);
    for (let i = 0; i < 200 && !io.out().includes('Ctrl-C'); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    io.interrupt();
    expect(await done).toBe(130);
    expect(await fs.readdir(path.join(cwd, 'data', 'tapes'))).toEqual(['default.ndjson']);
  });
});

describe('two recorders on one cassette', () => {
  it('the second fails at once (exit 3) naming the first one\'s pid and the lock, which it leaves in place', async () => {
    const cwd = await tempDir();
    const first = await spawnRecorder(cwd, [...TARGET, '--cassette', 'shared']);
    const io = fakeIo(cwd);
    expect(await main(['record', ...TARGET, '--cassette', 'shared', '--port', await heldPort()], io)).toBe(3);
    const file = path.join(cwd, 'cassettes', 'shared.ndjson');
    expect(io.err()).toBe(
      `apitape: ${file} is being recorded by another apitape process (pid ${first.child.pid})\n` +
        `  stop that recorder, or record into another cassette with --cassette NAME (stale lock: delete ${file}.lock)\n`,
    );
    expect((await fs.readdir(path.join(cwd, 'cassettes'))).sort()).toEqual(['shared.ndjson', 'shared.ndjson.lock']);
    first.child.kill('SIGINT');
    expect((await first.exit).code).toBe(130);
    expect((await fs.readdir(path.join(cwd, 'cassettes'))).sort()).toEqual(['shared.ndjson']);
  });
});
