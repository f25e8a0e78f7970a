// Raw HTTP/1.1 over a `net` socket, for requests no well-behaved client would send, and a probe for
// a listener that has closed.
import { connect } from 'node:net';

/** What a raw connection received, and whether the other side closed it. */
export interface RawReply {
  text: string;
  closed: boolean;
}

/**
 * Writes `data` on a fresh connection and collects what comes back until the server closes the
 * connection or `until` matches the received text (latin1), whichever is first.
 */
export function sendRaw(port: number, data: string | Buffer, until: RegExp = /$^/): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = (closed: boolean) => {
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (until.test(text)) finish(false);
    });
    socket.once('close', () => finish(true));
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? finish(true) : reject(error)));
    socket.write(data);
  });
}

/** Resolves once a connection to `port` is refused: the listener has closed. */
export async function waitUntilRefused(port: number): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`port ${port} still accepts connections`);
}
