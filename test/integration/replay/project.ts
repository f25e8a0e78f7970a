// Test projects for replay: a temp folder with a collection and an environment, and awkward servers.
import * as fs from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { SAMPLE_CREDENTIALS } from '../../../src/sample-api/server.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/collections');
export const SAMPLE_COLLECTION = path.join(FIXTURES, 'sample-api.postman_collection.json');

/** A temp project folder, removed when the test ends. */
export async function tempProject(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-replay-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `environments/<name>.postman_environment.json`. */
export async function writeEnvironment(dir: string, name: string, values: Record<string, string>): Promise<string> {
  const file = path.join(dir, 'environments', `${name}.postman_environment.json`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const env = { name, values: Object.entries(values).map(([key, value]) => ({ key, value, enabled: true })) };
  await fs.writeFile(file, `${JSON.stringify(env, null, 2)}\n`);
  return file;
}

/** Copies a fixture collection into `<dir>/collections/`. */
export async function copyCollection(dir: string, fixture = SAMPLE_COLLECTION): Promise<string> {
  const file = path.join(dir, 'collections', path.basename(fixture));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.copyFile(fixture, file);
  return file;
}

/** The sample collection's environment values for an API at `baseUrl`. */
export function sampleEnv(baseUrl: string): Record<string, string> {
  return { baseUrl, username: SAMPLE_CREDENTIALS.username, password: SAMPLE_CREDENTIALS.password };
}

/** A server on loopback that accepts connections and never answers (for timeouts). */
export async function startSilentServer(): Promise<{ url: string }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(() => {});
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A loopback URL where nothing listens (a port taken then released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
