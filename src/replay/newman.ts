// The one file that imports newman (and the SDK it runs on): runs a collection as a library call and turns its events into plain data.
import newman from 'newman';
import pmc from 'postman-collection';
import type { Header } from '../cassette/types.js';

/** A Postman environment as newman takes it: a name and key/value pairs. */
export interface NewmanEnvironment {
  name?: string;
  /** `type: 'secret'` marks a value that must never be written to a report. */
  values: Array<{ key: string; value: string; enabled?: boolean; type?: string }>;
}

/** Options passed straight to newman (see `apitape replay --help`). */
export interface NewmanOptions {
  /** A Postman v2.x collection as parsed JSON. */
  collection: object;
  environment: NewmanEnvironment;
  /** Absolute path of a CSV or JSON iteration-data file. */
  iterationData?: string;
  /** Folder names or ids to run instead of the whole collection. */
  folder?: string[];
  /** Stop at the first failing test or request. */
  bail?: boolean;
  /** Milliseconds each request may take; 0 or undefined is no limit. */
  timeoutRequest?: number;
  /** Milliseconds to wait between requests. */
  delayRequest?: number;
  /** Skip TLS certificate verification. */
  insecure?: boolean;
  /** Directory that file references (form uploads) resolve against. */
  workingDir?: string;
  /** Aborting stops the run after the request in flight. */
  signal?: AbortSignal;
}

/** A request newman sent, with its response or transport error, as plain data. */
export interface NewmanRequestEvent {
  /** Joins this request with its assertions (newman's cursor ref, one per execution). */
  ref: string;
  iteration: number;
  item: { id: string; name: string; path: string[] };
  /** Epoch milliseconds when newman started this request. */
  startedAt: number;
  request: { method: string; url: string; headers: Header[]; body?: string };
  /** `body` is already decoded (newman removes the content-encoding but keeps the header). */
  response?: { status: number; statusText: string; headers: Header[]; body: Buffer; responseTimeMs: number };
  error?: { code?: string; message: string };
}

export interface NewmanAssertionEvent {
  ref: string;
  name: string;
  passed: boolean;
  skipped: boolean;
  error?: string;
}

export interface NewmanListeners {
  onRequest?(event: NewmanRequestEvent): void;
  onAssertion?(event: NewmanAssertionEvent): void;
  /** A pre-request or test script threw. */
  onScriptError?(event: { ref: string; itemName: string; message: string }): void;
  /** An item (its scripts, request and tests) finished. */
  onItemDone?(ref: string): void;
}

/** What newman itself reports at the end; per-request detail arrives through the listeners. */
export interface NewmanOutcome {
  aborted: boolean;
}

/**
 * Runs `options.collection` with newman (no reporters) and resolves when the run ends. Rejects
 * only when newman cannot run at all (unreadable iteration data, a collection it cannot parse).
 */
export function runNewman(options: NewmanOptions, listeners: NewmanListeners = {}): Promise<NewmanOutcome> {
  return new Promise((resolve, reject) => {
    let aborted = false;
    const startedAt = new Map<string, number>();
    const collection = new pmc.Collection(options.collection as pmc.CollectionDefinition);
    const paths = folderPaths(collection);
    const emitter = newman.run(toNewmanOptions(options, collection), (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve({ aborted });
    });
    let abortRun: (() => void) | undefined;
    const onAbort = (): void => {
      aborted = true;
      abortRun?.();
    };
    emitter.on('start', (_err: unknown, args: { run?: { abort(): void } }) => {
      abortRun = () => args.run?.abort();
      if (options.signal?.aborted) onAbort();
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    emitter.on('beforeRequest', (_err: unknown, args: AnyArgs) => startedAt.set(args.cursor?.ref ?? '', Date.now()));
    emitter.on('request', (err: unknown, args: AnyArgs) => {
      const ref = String(args.cursor?.ref ?? '');
      listeners.onRequest?.(toRequestEvent(err, args, startedAt.get(ref) ?? Date.now(), paths));
      startedAt.delete(ref);
    });
    emitter.on('assertion', (err: { message?: string } | null, args: AnyArgs) => {
      const event: NewmanAssertionEvent = {
        ref: String(args.cursor?.ref ?? ''),
        name: String(args.assertion ?? ''),
        passed: !err && args.skipped !== true,
        skipped: args.skipped === true,
      };
      if (err) event.error = String(err.message ?? 'assertion failed');
      listeners.onAssertion?.(event);
    });
    emitter.on('script', (err: { name?: string; message?: string } | null, args: AnyArgs) => {
      if (!err) return;
      listeners.onScriptError?.({
        ref: String(args.cursor?.ref ?? ''),
        itemName: String(args.item?.name ?? ''),
        message: `${args.event?.listen ?? 'script'} script: ${err.name ?? 'Error'}: ${err.message ?? 'failed'}`,
      });
    });
    emitter.on('item', (_err: unknown, args: AnyArgs) => listeners.onItemDone?.(String(args.cursor?.ref ?? '')));
  });
}

// newman's event arguments are SDK objects; this file reads them duck-typed and hands out plain data.
type AnyArgs = { cursor?: { ref?: string; iteration?: number }; [key: string]: any };

function toNewmanOptions(options: NewmanOptions, collection: pmc.Collection): newman.NewmanRunOptions {
  const out: newman.NewmanRunOptions = {
    collection,
    environment: options.environment as newman.NewmanRunOptions['environment'],
    reporters: [],
  };
  if (options.iterationData !== undefined) out.iterationData = options.iterationData;
  if (options.folder?.length) out.folder = options.folder;
  if (options.bail) out.bail = true;
  if (options.timeoutRequest) out.timeoutRequest = options.timeoutRequest;
  if (options.delayRequest) out.delayRequest = options.delayRequest;
  if (options.insecure) out.insecure = true;
  if (options.workingDir !== undefined) out.workingDir = options.workingDir;
  return out;
}

function toRequestEvent(err: unknown, args: AnyArgs, startedAt: number, paths: Map<string, string[]>): NewmanRequestEvent {
  const request = args.request;
  const event: NewmanRequestEvent = {
    ref: String(args.cursor?.ref ?? ''),
    iteration: Number(args.cursor?.iteration ?? 0),
    item: { id: String(args.item?.id ?? args.item?.name ?? ''), name: String(args.item?.name ?? ''), path: paths.get(String(args.item?.id)) ?? [] },
    startedAt,
    request: {
      method: String(request?.method ?? 'GET').toUpperCase(),
      url: String(request?.url?.toString?.() ?? ''),
      headers: headerList(request?.headers),
    },
  };
  const body = requestBody(request?.body?.toJSON?.());
  if (body !== undefined) event.request.body = body;
  const response = args.response;
  if (response && typeof response.code === 'number' && !err) {
    event.response = {
      status: response.code,
      statusText: String(response.status ?? ''),
      headers: headerList(response.headers),
      body: Buffer.isBuffer(response.stream) ? response.stream : Buffer.from(response.stream ?? ''),
      responseTimeMs: Number(response.responseTime ?? 0),
    };
  }
  if (err) {
    const e = err as { code?: unknown; message?: unknown };
    event.error = { message: String(e.message ?? err) };
    if (typeof e.code === 'string') event.error.code = e.code;
  }
  return event;
}

function headerList(list: { toJSON?(): unknown } | undefined): Header[] {
  const json = list?.toJSON?.();
  if (!Array.isArray(json)) return [];
  return json
    .filter((h: { disabled?: boolean }) => h && h.disabled !== true)
    .map((h: { key?: unknown; value?: unknown }): Header => [String(h.key ?? ''), String(h.value ?? '')]);
}

/** item id → the names of the folders above it (newman's event items do not link to their parents). */
function folderPaths(collection: pmc.Collection): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  collection.forEachItem((item) => {
    const path: string[] = [];
    item.forEachParent((parent: { name?: string }) => {
      if (parent.name) path.unshift(parent.name);
    });
    paths.set(item.id, path);
  });
  return paths;
}

type BodyJson = {
  mode?: string;
  raw?: string;
  urlencoded?: Array<{ key?: string; value?: string; disabled?: boolean }>;
  formdata?: Array<{ key?: string; value?: string; type?: string; src?: unknown; disabled?: boolean }>;
  graphql?: { query?: string; variables?: unknown };
};

/** The body text newman sent, reconstructed from the SDK body; file parts are named, not read. */
function requestBody(body: BodyJson | undefined): string | undefined {
  if (!body?.mode) return undefined;
  const pairs = <T extends { disabled?: boolean }>(list: T[] = []): T[] => list.filter((p) => !p.disabled);
  switch (body.mode) {
    case 'raw':
      return body.raw ?? '';
    case 'urlencoded':
      return new URLSearchParams(pairs(body.urlencoded).map((p): [string, string] => [p.key ?? '', p.value ?? ''])).toString();
    case 'formdata':
      return pairs(body.formdata)
        .map((p) => `${p.key ?? ''}=${p.type === 'file' ? `<file ${String(p.src ?? '')}>` : (p.value ?? '')}`)
        .join('\n');
    case 'graphql': {
      const variables = typeof body.graphql?.variables === 'string' ? safeJson(body.graphql.variables) : body.graphql?.variables;
      return JSON.stringify({ query: body.graphql?.query ?? '', variables: variables ?? {} });
    }
    default:
      return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
