// Shared fixtures for the recorder's integration tests: temp dirs, loopback upstreams, and an
// in-process `apitape record` that can be waited on and stopped like Ctrl-C.
import * as fs from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { onTestFinished } from 'vitest';
import { readCassetteAll } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo, type FakeIo } from '../../helpers/io.js';
import { listenForTest } from '../../helpers/loopback.js';

/** A temp directory removed when the test finishes. */
export async function tempDir(prefix = 'apitape-rec-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A node:http server on 127.0.0.1:0, closed (connections too) when the test finishes. */
export async function upstream(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  const port = await listenForTest(server);
  return { url: `http://127.0.0.1:${port}`, server };
}

export interface Recording {
  /** The proxy address printed on the ready line. */
  url: string;
  io: FakeIo;
  /** Interrupts (like Ctrl-C) and resolves with the exit code. */
  stop(): Promise<number>;
  /** Resolves with the exit code when the recorder ends by itself (a wrapped command exited). */
  done: Promise<number>;
}

/** Runs `apitape record <args>` in-process and waits for its ready line. */
export async function startRecording(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Recording> {
  const io = fakeIo(cwd, env);
  const done = main(['record', '--port', '0', ...args], io);
  let finished = false;
  void done.then(() => (finished = true));
  onTestFinished(async () => {
    if (!finished) {
      io.interrupt();
      await done;
    }
  });
  const url = await waitForReady(io, done);
  return {
    url,
    io,
    done,
    stop: async () => {
      io.interrupt();
      return done;
    },
  };
}

async function waitForReady(io: FakeIo, done: Promise<number>): Promise<string> {
  let exited: number | undefined;
  void done.then((code) => (exited = code));
  for (let i = 0; i < 600; i += 1) {
    const match = /recording (?:as a forward proxy on )?(http:\/\/[^\s]+)/.exec(io.out());
    if (match) return match[1]!;
    if (exited !== undefined) throw new Error(`record exited with ${exited} before it was ready:\n${io.err()}${io.out()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`record did not print its ready line:\n${io.err()}${io.out()}`);
}

/** The exchanges of `cassettes/<name>.ndjson` under `cwd`. */
export async function readRecorded(cwd: string, name = 'default'): Promise<Exchange[]> {
  return (await readCassetteAll(path.join(cwd, 'cassettes', `${name}.ndjson`))).exchanges;
}

/** Reads a request body into a buffer. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
