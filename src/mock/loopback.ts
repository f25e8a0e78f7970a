// Makes a mockttp server listen on one address (loopback) instead of every interface: mockttp 4
// has no option for it (mockttp issue #182), so its combo-server factory is wrapped once and the
// wanted host is passed down through AsyncLocalStorage to the one `start()` that asked for it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

interface ComboServerModule {
  createComboServer: (options: unknown) => Promise<Server>;
}

interface ListenSlot {
  host: string;
  server?: Server;
}

const slots = new AsyncLocalStorage<ListenSlot>();
let wrapped = false;

function wrapComboServer(): void {
  if (wrapped) return;
  const require = createRequire(import.meta.url);
  const combo = require('mockttp/dist/server/http-combo-server') as ComboServerModule;
  const original = combo.createComboServer;
  combo.createComboServer = async (options: unknown): Promise<Server> => {
    const server = await original(options);
    const slot = slots.getStore();
    if (slot) {
      slot.server = server;
      const listen = server.listen.bind(server) as (port: number, host: string) => Server;
      server.listen = ((port: number) => listen(port, slot.host)) as Server['listen'];
    }
    return server;
  };
  wrapped = true;
}

/**
 * Runs `start` (a mockttp `server.start(port)`) so that the server binds `host` only, and returns
 * the address it got. Throws if the server ended up anywhere else, so a change inside mockttp can
 * never silently expose the mock on the network.
 */
export async function startOnHost(host: string, start: () => Promise<void>): Promise<AddressInfo> {
  wrapComboServer();
  const slot: ListenSlot = { host };
  await slots.run(slot, start);
  const address = slot.server?.address();
  if (!address || typeof address === 'string' || address.address !== host) {
    throw new Error(`the mock server is not bound to ${host} only (got ${JSON.stringify(address)})`);
  }
  return address;
}
