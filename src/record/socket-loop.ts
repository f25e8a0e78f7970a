// Tells a real request loop (the proxy connecting to itself) from two unrelated loopback connections
// that happen to share a port number. Linux gives a connect() the same local port as a live
// connection to another destination, so a client's connection to the proxy and the proxy's own
// connection upstream can both come from 127.0.0.1:<same port>; mockttp, comparing that one end only,
// takes it for a loop and answers 500 "Passthrough loop detected" (seen with many concurrent clients).

/** The two ends of a TCP connection as a socket reports them (unknown on some wrapped sockets). */
export interface SocketEnds {
  localAddress?: string | undefined;
  localPort?: number | undefined;
  remoteAddress?: string | undefined;
  remotePort?: number | undefined;
}

/**
 * Whether `incoming` (accepted by the proxy) is the far end of `outgoing` (opened by the proxy): its
 * remote end is the outgoing local end, and its local end the outgoing remote end. Where a socket
 * does not know its other end, the first comparison alone decides (mockttp's own rule).
 */
export function isSameConnection(outgoing: SocketEnds, incoming: SocketEnds): boolean {
  if (!outgoing.localAddress || !outgoing.localPort) return false; // closed: not a loop
  if (outgoing.localPort !== incoming.remotePort || !sameAddress(outgoing.localAddress, incoming.remoteAddress)) return false;
  if (outgoing.remotePort === undefined || incoming.localPort === undefined) return true;
  if (outgoing.remotePort !== incoming.localPort) return false;
  return outgoing.remoteAddress === undefined || incoming.localAddress === undefined || sameAddress(outgoing.remoteAddress, incoming.localAddress);
}

/**
 * Whether any of the proxy's `outgoing` connections is `incoming` seen from the other end. Runs for
 * every request against every open upstream connection, so each is first compared on its local port
 * alone (one property read; `net.Socket`'s address properties are getters).
 */
export function isLoopConnection(outgoing: Iterable<SocketEnds>, incoming: SocketEnds): boolean {
  const port = incoming.remotePort;
  if (port === undefined) return false; // as in isSameConnection: no known peer port, no loop
  for (const socket of outgoing) if (socket.localPort === port && isSameConnection(socket, incoming)) return true;
  return false;
}

function sameAddress(a: string, b: string | undefined): boolean {
  return b !== undefined && unmapped(a) === unmapped(b);
}

/** `::ffff:127.0.0.1` → `127.0.0.1` (an IPv4 peer on a dual-stack socket). */
function unmapped(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}
