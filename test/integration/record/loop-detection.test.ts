// Loop detection: a proxy forwarding to itself is stopped, but a client whose port number merely
// equals that of one of the proxy's upstream connections (Linux reuses port numbers across
// destinations) is served: mockttp's own check answered such requests with a 500 under load (seen
// as "/json answered 500" in bench/record.ts at concurrency 64, and in the 200-concurrent-requests test).
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import '../../../src/record/proxy.js';
import { startRecording, tempDir } from './helpers.js';

interface Ends {
  localAddress?: string;
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('loop detection', () => {
  it("replaces mockttp's check: a shared port number alone is not a loop, both ends matching is", () => {
    const { isSocketLoop } = createRequire(import.meta.url)('mockttp/dist/util/socket-util') as {
      isSocketLoop(outgoing: Set<Ends>, incoming: Ends): boolean;
    };
    const upstreamConnection = { localAddress: '127.0.0.1', localPort: 40001, remoteAddress: '127.0.0.1', remotePort: 3000 };
    const client = { remoteAddress: '127.0.0.1', remotePort: 40001, localAddress: '127.0.0.1', localPort: 8080 };
    expect(isSocketLoop(new Set([upstreamConnection]), client)).toBe(false);
    expect(isSocketLoop(new Set([{ ...upstreamConnection, remotePort: 8080 }]), client)).toBe(true);
  });

  it('still stops a proxy whose target is itself, without recursion, and keeps answering', async () => {
    const cwd = await tempDir();
    const port = await freePort();
    const rec = await startRecording(cwd, ['--target', `http://127.0.0.1:${port}`, '--port', String(port), '--quiet']);
    for (const path of ['/first', '/second']) {
      const looped = await request(`${rec.url}${path}`);
      expect(looped.statusCode).toBe(500);
      expect(await looped.body.text()).toMatch(/loop detected/i);
    }
    expect(await rec.stop()).toBe(130);
  }, 60_000);
});
