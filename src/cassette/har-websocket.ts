// An exchange's WebSocket record ↔ Chrome's `_webSocketMessages` HAR extension, with `_apitape`
// hints for what Chrome has no field for (a truncated message's size and hash, the close, omissions).
import { asArray, asNumber, asObject, asString, type Loose } from './har-fields.js';
import type { HarEntryHint, HarWebSocketMessage, HarWebSocketMessageHint } from './har.js';
import type { WebSocketClose, WebSocketMessage, WebSocketRecord } from './types.js';

const OPCODES = new Set([1, 2, 9, 10]);

/**
 * The messages as Chrome writes them: `type` `send` (by the page) or `receive`, `time` in seconds
 * since the epoch, `opcode`, and `data` (the text, or base64 for anything else).
 */
export function harWebSocketMessages(record: WebSocketRecord, startedAt: string): HarWebSocketMessage[] {
  const start = Date.parse(startedAt);
  return record.messages.map((m) => {
    const out: HarWebSocketMessage = {
      type: m.direction === 'sent' ? 'send' : 'receive',
      time: Math.round((start + m.time) * 1000) / 1e6,
      opcode: m.opcode,
      data: m.text ?? m.base64 ?? '',
    };
    const hint = messageHint(m);
    if (hint) out._apitape = hint;
    return out;
  });
}

/** Only what `data` does not already say: a size that differs from it (truncated, redacted), the hash, base64 text. */
function messageHint(m: WebSocketMessage): HarWebSocketMessageHint | undefined {
  const hint: HarWebSocketMessageHint = {};
  if (m.size !== payloadSize(m.text, m.base64)) hint.size = m.size;
  if (m.truncated) hint.truncated = true;
  if (m.sha256 !== undefined) hint.sha256 = m.sha256;
  if (m.opcode === 1 && m.text === undefined) hint.encoding = 'base64';
  return Object.keys(hint).length > 0 ? hint : undefined;
}

/** The entry-level hint: how the socket closed and what was left out. */
export function harWebSocketHint(record: WebSocketRecord): HarEntryHint['websocket'] | undefined {
  if (!record.close && !record.omitted) return undefined;
  return { ...(record.close ? { close: record.close } : {}), ...(record.omitted ? { omitted: record.omitted } : {}) };
}

/**
 * The WebSocket record of a HAR entry, when it has `_webSocketMessages` (Chrome, apitape) or an
 * apitape hint; messages that cannot be read are left out with a warning.
 */
export function webSocketFromHar(entry: Loose, startedAt: string, warnings: string[]): WebSocketRecord | undefined {
  const hint = asObject(asObject(entry._apitape)?.websocket);
  if (!Array.isArray(entry._webSocketMessages) && !hint) return undefined;
  const start = Date.parse(startedAt);
  const messages: WebSocketMessage[] = [];
  let unreadable = 0;
  for (const item of asArray(entry._webSocketMessages)) {
    const message = messageFromHar(asObject(item), start);
    if (message) messages.push(message);
    else unreadable += 1;
  }
  if (unreadable > 0) warnings.push(`${unreadable} WebSocket message(s) without a readable type, time, opcode (1, 2, 9, 10) or data were left out`);
  const record: WebSocketRecord = { messages };
  const close = closeFromHint(asObject(hint?.close));
  if (close) record.close = close;
  const omitted = asObject(hint?.omitted);
  const omittedMessages = asCount(omitted?.messages);
  const omittedBytes = asCount(omitted?.bytes);
  if (omittedMessages !== undefined && omittedBytes !== undefined) record.omitted = { messages: omittedMessages, bytes: omittedBytes };
  return record;
}

function messageFromHar(item: Loose | undefined, start: number): WebSocketMessage | undefined {
  const type = asString(item?.type);
  const time = asNumber(item?.time);
  const opcode = asNumber(item?.opcode);
  const data = asString(item?.data);
  if ((type !== 'send' && type !== 'receive') || time === undefined || opcode === undefined || !OPCODES.has(opcode) || data === undefined) return undefined;
  const hint = asObject(item?._apitape);
  const asText = opcode === 1 && asString(hint?.encoding) !== 'base64';
  const message: WebSocketMessage = {
    direction: type === 'send' ? 'sent' : 'received',
    time: Math.round((time * 1000 - start) * 10) / 10,
    opcode: opcode as WebSocketMessage['opcode'],
    size: asCount(hint?.size) ?? payloadSize(asText ? data : undefined, asText ? undefined : data),
  };
  if (hint?.truncated === true) message.truncated = true;
  const sha256 = asString(hint?.sha256);
  if (sha256 !== undefined && /^[0-9a-f]{64}$/.test(sha256)) message.sha256 = sha256;
  if (asText) message.text = data;
  else message.base64 = data;
  return message;
}

function closeFromHint(close: Loose | undefined): WebSocketClose | undefined {
  if (!close) return undefined;
  const out: WebSocketClose = {};
  if (close.by === 'client' || close.by === 'server') out.by = close.by;
  const code = asCount(close.code);
  if (code !== undefined && code <= 65535) out.code = code;
  const reason = asString(close.reason);
  if (reason) out.reason = reason;
  return out;
}

/** A whole, non-negative number (a size, a count, a close code): what the cassette reader accepts there. */
function asCount(value: unknown): number | undefined {
  const n = asNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function payloadSize(text: string | undefined, base64: string | undefined): number {
  return text !== undefined ? Buffer.byteLength(text, 'utf8') : Buffer.from(base64 ?? '', 'base64').length;
}
