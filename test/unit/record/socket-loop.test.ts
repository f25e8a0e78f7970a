import { describe, expect, it } from 'vitest';
import { isLoopConnection, isSameConnection } from '../../../src/record/socket-loop.js';

const PROXY = { address: '127.0.0.1', port: 8080 };

describe('isSameConnection', () => {
  it('recognises the proxy connecting to itself: both ends match', () => {
    const outgoing = { localAddress: '127.0.0.1', localPort: 40001, remoteAddress: PROXY.address, remotePort: PROXY.port };
    const incoming = { remoteAddress: '127.0.0.1', remotePort: 40001, localAddress: PROXY.address, localPort: PROXY.port };
    expect(isSameConnection(outgoing, incoming)).toBe(true);
    expect(isSameConnection(outgoing, { ...incoming, remoteAddress: '::ffff:127.0.0.1', localAddress: '::ffff:127.0.0.1' })).toBe(true);
  });

  it('is not fooled by a client that shares a port number with an upstream connection', () => {
    // Linux hands out the same local port to connections with different destinations.
    const upstream = { localAddress: '127.0.0.1', localPort: 40001, remoteAddress: '127.0.0.1', remotePort: 3000 };
    const client = { remoteAddress: '127.0.0.1', remotePort: 40001, localAddress: PROXY.address, localPort: PROXY.port };
    expect(isSameConnection(upstream, client)).toBe(false);
    expect(isSameConnection({ ...upstream, remotePort: PROXY.port, remoteAddress: '127.0.0.2' }, client)).toBe(false);
  });

  it('falls back to the near end alone when a socket does not know its other end, and skips closed sockets', () => {
    const incoming = { remoteAddress: '127.0.0.1', remotePort: 40001 };
    expect(isSameConnection({ localAddress: '127.0.0.1', localPort: 40001, remotePort: 3000 }, incoming)).toBe(true);
    expect(isSameConnection({ localAddress: '127.0.0.1', localPort: 40002, remotePort: 3000 }, incoming)).toBe(false);
    expect(isSameConnection({}, incoming)).toBe(false);
  });
});

describe('isLoopConnection', () => {
  it('checks every outgoing connection', () => {
    const client = { remoteAddress: '127.0.0.1', remotePort: 40001, localAddress: PROXY.address, localPort: PROXY.port };
    const others = [{ localAddress: '127.0.0.1', localPort: 40001, remoteAddress: '127.0.0.1', remotePort: 3000 }];
    expect(isLoopConnection(others, client)).toBe(false);
    expect(isLoopConnection([...others, { localAddress: '127.0.0.1', localPort: 40001, remoteAddress: '127.0.0.1', remotePort: 8080 }], client)).toBe(true);
  });
});
