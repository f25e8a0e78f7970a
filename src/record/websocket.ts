// Keeps the traffic of one WebSocket exchange with bounded memory: the first messages, each up to a
// size limit (beyond it a prefix, the size and a SHA-256), and how the socket closed.
import { createHash } from 'node:crypto';
import type { WebSocketClose, WebSocketMessage, WebSocketRecord } from '../cassette/types.js';

/** What is kept of each WebSocket exchange. Worst case per open socket: about `maxTotalBytes`. */
export interface WebSocketLimits {
  /** Messages kept per exchange; the ones after are only counted (`omitted`). */
  maxMessages: number;
  /** Payload bytes kept per message; beyond it a prefix, the size and a SHA-256 are kept. */
  maxMessageBytes: number;
  /** Payload bytes kept per exchange, all messages together; the messages after are only counted. */
  maxTotalBytes: number;
}

/**
 * 1,000 messages of up to 16 KiB each, 2 MiB in all: enough for the handshake, subscriptions and a
 * good sample of a chatty socket, while 50 open sockets hold at most about 100 MiB and a cassette
 * line stays under 3 MB.
 */
export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = { maxMessages: 1000, maxMessageBytes: 16 * 1024, maxTotalBytes: 2 * 1024 * 1024 };

/** One message or control frame as the proxy saw it. */
export interface PassedMessage {
  direction: WebSocketMessage['direction'];
  opcode: WebSocketMessage['opcode'];
  payload: Uint8Array;
  /** Monotonic time (ms, `performance.now()` clock) it passed. */
  mark: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The messages of one WebSocket exchange, with their times measured from the exchange's start. */
export class WebSocketCapture {
  private readonly messages: WebSocketMessage[] = [];
  private keptBytes = 0;
  private omittedMessages = 0;
  private omittedBytes = 0;
  private closing: WebSocketClose | undefined;

  constructor(
    /** Monotonic start of the exchange (the upgrade request). */
    private readonly startMark: number,
    private readonly limits: WebSocketLimits,
  ) {}

  /** Whether the socket has been seen to close. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Keeps `message`, or only counts it once the exchange's limits are reached. */
  add(message: PassedMessage): void {
    const size = message.payload.length;
    if (this.omittedMessages > 0 || this.messages.length >= this.limits.maxMessages || this.keptBytes >= this.limits.maxTotalBytes) {
      this.omittedMessages += 1; // once one is left out, so are all after it: the record is a prefix of the conversation
      this.omittedBytes += size;
      return;
    }
    const room = Math.min(this.limits.maxMessageBytes, this.limits.maxTotalBytes - this.keptBytes);
    this.messages.push(storedMessage(message, room, roundMs(message.mark - this.startMark)));
    this.keptBytes += Math.min(size, room);
  }

  /**
   * Notes how the socket closed; the first call wins (the side whose close frame came first).
   * `code` 1005 (a close frame without a status) is stored as no code.
   */
  close(close: { by?: 'client' | 'server'; code?: number; reason?: string }): void {
    if (this.closing) return;
    const out: WebSocketClose = {};
    if (close.by) out.by = close.by;
    if (close.code !== undefined && close.code !== 1005) out.code = close.code;
    if (close.reason) out.reason = close.reason;
    this.closing = out;
  }

  /** The record for the cassette. */
  record(): WebSocketRecord {
    const record: WebSocketRecord = { messages: this.messages };
    if (this.closing) record.close = this.closing;
    if (this.omittedMessages > 0) record.omitted = { messages: this.omittedMessages, bytes: this.omittedBytes };
    return record;
  }
}

/** A message as stored: text when it is a text message in UTF-8, base64 otherwise; a prefix past `limit`. */
export function storedMessage(message: PassedMessage, limit: number, time: number): WebSocketMessage {
  const payload = Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.length);
  const truncated = payload.length > limit;
  const kept = truncated ? payload.subarray(0, message.opcode === 1 ? characterBoundary(payload, limit) : limit) : payload;
  const out: WebSocketMessage = { direction: message.direction, time, opcode: message.opcode, size: payload.length };
  if (truncated) {
    out.truncated = true;
    out.sha256 = createHash('sha256').update(payload).digest('hex');
  }
  const text = message.opcode === 1 ? decodeUtf8(kept) : undefined;
  if (text !== undefined) out.text = text;
  else out.base64 = (truncated ? payload.subarray(0, limit) : payload).toString('base64');
  return out;
}

/** The largest cut at or below `limit` that does not split a UTF-8 character. */
function characterBoundary(bytes: Buffer, limit: number): number {
  let cut = limit;
  for (let back = 0; back < 3 && cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80; back += 1) cut -= 1;
  return cut;
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function roundMs(ms: number): number {
  return Math.max(0, Math.round(ms * 10) / 10);
}
