// Assembles the collection with the postman-collection SDK (the one file importing it), then makes
// its JSON byte-stable: no random ids, a deterministic `_postman_id`, a fixed key order.
import pmc from 'postman-collection';
import { stableUuid } from './ids.js';
import type { PostmanRequest } from './request.js';
import type { CollectionItem, CollectionV21, CollectionVariable } from './types.js';

export const COLLECTION_SCHEMA_URL = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface ItemSpec {
  /** Deterministic id (newman reports it with each request; Postman re-imports keep it). */
  id: string;
  name: string;
  description: string;
  request: PostmanRequest;
  /** Lines of the `test` script. */
  test: string[];
}

export interface FolderSpec {
  name: string;
  description: string;
  items: ItemSpec[];
}

export interface CollectionSpec {
  name: string;
  description: string;
  folders: FolderSpec[];
  variables: CollectionVariable[];
}

/** The collection as plain v2.1 JSON; the same spec always gives the same JSON text. */
export function assembleCollection(spec: CollectionSpec): CollectionV21 {
  const collection = new pmc.Collection({
    info: { name: spec.name, schema: COLLECTION_SCHEMA_URL },
    item: spec.folders.map((folder) => ({
      name: folder.name,
      description: folder.description,
      item: folder.items.map((item) => ({
        id: item.id,
        name: item.name,
        description: item.description,
        request: {
          method: item.request.method,
          url: item.request.url,
          header: item.request.header,
          ...(item.request.body ? { body: item.request.body } : {}),
        },
        event: [{ listen: 'test', script: { type: 'text/javascript', exec: item.test } }],
      })),
    })),
    variable: spec.variables,
  } as unknown as pmc.CollectionDefinition);
  const json = collection.toJSON() as unknown as { item: unknown[] };
  const urls = spec.folders.flatMap((f) => f.items.map((i) => i.request.url.raw));
  let next = 0;
  return {
    info: {
      _postman_id: stableUuid(`apitape collection ${spec.name}`),
      name: spec.name,
      description: spec.description,
      schema: COLLECTION_SCHEMA_URL,
    },
    item: json.item.map((folder) => normalizeItem(folder as Record<string, unknown>, () => urls[next++]!)),
    variable: spec.variables.map((v) => ({ key: v.key, value: v.value, type: 'string' as const, ...(v.description ? { description: v.description } : {}) })),
  };
}

/** Drops SDK-generated ids and empty lists, restores `url.raw`, and orders keys the same way every time. */
function normalizeItem(item: Record<string, unknown>, nextRaw: () => string): CollectionItem {
  const out: CollectionItem = item.request ? { id: String(item.id), name: String(item.name) } : { name: String(item.name) };
  if (typeof item.description === 'string' && item.description !== '') out.description = item.description;
  if (Array.isArray(item.item)) out.item = item.item.map((child) => normalizeItem(child as Record<string, unknown>, nextRaw));
  if (item.request) out.request = normalizeRequest(item.request as Record<string, unknown>, nextRaw());
  if (item.request) out.response = [];
  const events = (item.event as Array<{ listen: 'test' | 'prerequest'; script: { type: string; exec: string[] } }> | undefined) ?? [];
  if (events.length > 0) {
    out.event = events.map((e) => ({ listen: e.listen, script: { type: e.script.type, exec: e.script.exec } }));
  }
  return out;
}

function normalizeRequest(request: Record<string, unknown>, raw: string): Record<string, unknown> {
  const url = request.url as { host?: string[]; path?: string[]; query?: unknown[] };
  const out: Record<string, unknown> = {
    method: request.method,
    header: request.header ?? [],
  };
  if (request.body) out.body = request.body;
  out.url = {
    raw,
    host: url.host ?? [],
    path: url.path ?? [],
    ...(url.query && url.query.length > 0 ? { query: url.query } : {}),
  };
  return out;
}
