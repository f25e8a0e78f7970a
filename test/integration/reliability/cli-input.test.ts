// Bad `apitape record` values (RELIABILITY 43): each is refused with exit 2 and a message that says
// what was wrong and what to type instead, before anything is bound or written. By design (see
// docs/reliability.md), `--port 0` picks a free port and a target's trailing slash is dropped.
import * as fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { tempDir } from '../record/helpers.js';

const TARGET = ['--target', 'http://127.0.0.1:9'];

const REFUSED: Array<[args: string[], stderr: string]> = [
  [[...TARGET, '--port', '70000'], 'apitape: --port must be a number from 0 to 65535, not "70000"\n  --port 0 picks a free port\n'],
  [[...TARGET, '--port', '-1'], 'apitape: --port must be a number from 0 to 65535, not "-1"\n  --port 0 picks a free port\n'],
  [[...TARGET, '--port', '80.5'], 'apitape: --port must be a number from 0 to 65535, not "80.5"\n  --port 0 picks a free port\n'],
  [[...TARGET, '--port', '0x50'], 'apitape: --port must be a number from 0 to 65535, not "0x50"\n  --port 0 picks a free port\n'],
  [[...TARGET, '--port', ''], 'apitape: --port must be a number from 0 to 65535, not ""\n  --port 0 picks a free port\n'],
  [['--target', 'localhost:3000'], 'apitape: --target "localhost:3000" has no scheme\n  did you mean http://localhost:3000 ?\n'],
  [['--target', 'staging.example.com'], 'apitape: --target "staging.example.com" has no scheme\n  did you mean https://staging.example.com ?\n'],
  [['--target', 'api.example.com:8443/v1'], 'apitape: --target "api.example.com:8443/v1" has no scheme\n  did you mean https://api.example.com:8443 ?\n'],
  [['--target', '8080'], 'apitape: --target "8080" has no scheme\n  did you mean http://localhost:8080 ?\n'],
  [['--target', 'http://'], 'apitape: --target "http://" is not a URL\n  e.g. --target https://staging.example.com\n'],
  [['--target', 'http//example.com'], 'apitape: --target "http//example.com" is not a URL\n  e.g. --target https://staging.example.com\n'],
  [['--target', 'https://example.com:99999'], 'apitape: --target "https://example.com:99999" is not a URL\n  e.g. --target https://staging.example.com\n'],
  [['--target', 'ftp://example.com'], 'apitape: --target must be an http:// or https:// URL, not ftp://\n  e.g. --target https://staging.example.com\n'],
  [['--target', 'ws://example.com'], 'apitape: --target must be an http:// or https:// URL, not ws://\n  e.g. --target https://staging.example.com\n'],
  [
    ['--target', 'https://example.com/api/v1'],
    'apitape: --target takes an origin only; "https://example.com/api/v1" has a path, query or fragment\n' +
      "  use --target https://example.com: the app's request paths are kept as they are\n",
  ],
  [
    ['--target', 'https://example.com?env=staging'],
    'apitape: --target takes an origin only; "https://example.com?env=staging" has a path, query or fragment\n' +
      "  use --target https://example.com: the app's request paths are kept as they are\n",
  ],
  [
    ['--target', 'https://user:secret@example.com'],
    'apitape: --target must not contain credentials\n  the app sends its own credentials; they are redacted in the cassette\n',
  ],
  [
    [...TARGET, '--host', '0.0.0.0'],
    'apitape: --host 0.0.0.0 would accept connections from other machines\n  add --allow-remote if you mean it: anyone on that network can then use this proxy\n',
  ],
  [
    [...TARGET, '--host', '::'],
    'apitape: --host :: would accept connections from other machines\n  add --allow-remote if you mean it: anyone on that network can then use this proxy\n',
  ],
  [
    [...TARGET, '--host', '192.168.1.10'],
    'apitape: --host 192.168.1.10 would accept connections from other machines\n  add --allow-remote if you mean it: anyone on that network can then use this proxy\n',
  ],
  [[...TARGET, '--host', ''], 'apitape: --host must not be empty\n  the default is --host 127.0.0.1\n'],
  [[...TARGET, '--grace', '-1s'], 'apitape: --grace must be a duration like 30s or 500ms, not "-1s"\n'],
  [[...TARGET, '--first-byte-timeout', '5h'], 'apitape: --first-byte-timeout must be a duration like 30s or 500ms, not "5h"\n'],
  [[...TARGET, '--max-body-size', '1.5.5'], 'apitape: --max-body-size must be a size like 4MB, 512KB or 1048576, not "1.5.5"\n'],
  [[...TARGET, '--max-decoded-size', '10TB'], 'apitape: --max-decoded-size must be a size like 4MB, 512KB or 1048576, not "10TB"\n'],
  [
    [...TARGET, '--cassette', '../../etc/passwd'],
    'apitape: invalid cassette name "../../etc/passwd"\n  use letters, digits, ".", "_" and "-" (at most 100 characters), e.g. --cassette checkout-flow\n',
  ],
];

describe('apitape record with bad values', () => {
  it.each(REFUSED.map(([args, stderr]) => [args.join(' '), args, stderr] as const))('refuses %s with exit 2, touching nothing', async (_label, args, stderr) => {
    const cwd = await tempDir();
    const io = fakeIo(cwd);
    expect(await main(['record', ...args], io)).toBe(2);
    expect(io.err()).toBe(stderr);
    expect(io.out()).toBe('');
    expect(await fs.readdir(cwd)).toEqual([]);
  });

  it('takes --port 0 as "any free port" and drops a trailing slash from --target', async () => {
    const cwd = await tempDir();
    const io = fakeIo(cwd);
    const done = main(['record', '--target', 'HTTP://127.0.0.1:9/', '--port', '0'], io);
    for (let i = 0; i < 200 && !io.out().includes('Ctrl-C'); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    io.interrupt();
    expect(await done).toBe(130);
    expect(io.out()).toMatch(/^apitape: recording http:\/\/127\.0\.0\.1:(?!0\b)\d+ → http:\/\/127\.0\.0\.1:9 into cassettes\/default\.ndjson\n/);
  });
});
