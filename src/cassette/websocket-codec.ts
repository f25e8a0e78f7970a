// An exchange's WebSocket record ↔ its cassette form: the fixed key order, and the shape checks on reading.
import type { WebSocketMessage, WebSocketRecord } from './types.js';

const OPCODES = new Set([1, 2, 9, 10]);

/**
 * The record rebuilt in the fixed key order: messages (direction, time, opcode, size, truncated,
 * sha256, then text or base64), close (by, code, reason), omitted (messages, bytes).
 */
export function orderWebSocket(record: WebSocketRecord): WebSocketRecord {
  const { close, omitted } = record;
  return {
    messages: record.messages.map(orderMessage),
    close: close && { by: close.by, code: close.code, reason: close.reason },
    omitted: omitted && { messages: omitted.messages, bytes: omitted.bytes },
  } as WebSocketRecord;
}

function orderMessage(m: WebSocketMessage): WebSocketMessage {
  return { direction: m.direction, time: m.time, opcode: m.opcode, size: m.size, truncated: m.truncated, sha256: m.sha256, text: m.text, base64: m.base64 };
}

/** What is wrong with a decoded `websocket` field, or undefined when it is a valid record. */
export function webSocketProblem(value: unknown): string | undefined {
  const record = value as Partial<Record<keyof WebSocketRecord, unknown>> | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'websocket must be an object';
  if (!Array.isArray(record.messages)) return 'websocket.messages must be a list';
  for (const [index, message] of record.messages.entries()) {
    const problem = messageProblem(message);
    if (problem) return `websocket.messages[${index}]${problem}`;
  }
  if (record.close !== undefined) {
    const problem = closeProblem(record.close);
    if (problem) return `websocket.close${problem}`;
  }
  if (record.omitted !== undefined) {
    const omitted = record.omitted as { messages?: unknown; bytes?: unknown } | null;
    if (typeof omitted !== 'object' || omitted === null || !isCount(omitted.messages) || !isCount(omitted.bytes)) {
      return 'websocket.omitted must be {"messages": n, "bytes": n} with whole numbers';
    }
  }
  return undefined;
}

function messageProblem(value: unknown): string | undefined {
  const m = value as Partial<Record<keyof WebSocketMessage, unknown>> | null;
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return ' must be an object';
  if (m.direction !== 'sent' && m.direction !== 'received') return '.direction must be "sent" or "received"';
  if (typeof m.time !== 'number' || !Number.isFinite(m.time)) return '.time must be a number (ms)';
  if (typeof m.opcode !== 'number' || !OPCODES.has(m.opcode)) return '.opcode must be 1, 2, 9 or 10';
  if (!isCount(m.size)) return '.size must be a whole number of bytes';
  if (m.truncated !== undefined && m.truncated !== true) return '.truncated must be true when present';
  if (m.sha256 !== undefined && (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256))) return '.sha256 must be 64 hex digits';
  const text = typeof m.text === 'string';
  const base64 = typeof m.base64 === 'string';
  if (text === base64 || (m.text !== undefined && !text) || (m.base64 !== undefined && !base64)) return ' needs exactly one of "text" or "base64" (a string)';
  if (text && m.opcode !== 1) return ' has "text" but is not a text message (opcode 1)';
  return undefined;
}

function closeProblem(value: unknown): string | undefined {
  const close = value as { by?: unknown; code?: unknown; reason?: unknown } | null;
  if (typeof close !== 'object' || close === null || Array.isArray(close)) return ' must be an object';
  if (close.by !== undefined && close.by !== 'client' && close.by !== 'server') return '.by must be "client" or "server"';
  if (close.code !== undefined && (!Number.isInteger(close.code) || (close.code as number) < 0 || (close.code as number) > 65535)) return '.code must be a status code';
  if (close.reason !== undefined && typeof close.reason !== 'string') return '.reason must be a string';
  return undefined;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
