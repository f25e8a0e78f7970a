// Assembles the collection with the postman-collection SDK (the one file importing it), then makes
// its JSON byte-stable: no random ids, a deterministic `_postman_id`, a fixed key order.
import pmc from 'postman-collection';
import type { PostmanExample } from './examples.js';
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
  /** Saved example responses (`response[]`), written as given: the SDK never sees them. */
  examples: PostmanExample[];
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
  const json = collection.toJSON() as unknown as { item: Array<Record<string, unknown>> };
  return {
    info: {
      _postman_id: stableUuid(`apitape collection ${spec.name}`),
      name: spec.name,
      description: spec.description,
      schema: COLLECTION_SCHEMA_URL,
    },
    item: json.item.map((folder, i) => normalizeFolder(folder, spec.folders[i]!)),
    variable: spec.variables.map((v) => ({ key: v.key, value: v.value, type: 'string' as const, ...(v.description ? { description: v.description } : {}) })),
  };
}

/**
 * A folder as the SDK gave it, minus its random id, with the spec's Markdown description (the SDK
 * turns descriptions into `{ content, type: 'text/plain' }`; Postman renders a plain string as Markdown).
 */
function normalizeFolder(folder: Record<string, unknown>, spec: FolderSpec): CollectionItem {
  const children = (folder.item as Array<Record<string, unknown>> | undefined) ?? [];
  return {
    name: spec.name,
    ...(spec.description ? { description: spec.description } : {}),
    item: children.map((child, i) => normalizeItem(child, spec.items[i]!)),
  };
}

/**
 * A request item: the spec's id and description, the SDK's request with `url.raw` restored, the
 * saved examples as given, and its events, keys in the same order every time.
 */
function normalizeItem(item: Record<string, unknown>, spec: ItemSpec): CollectionItem {
  const out: CollectionItem = { id: spec.id, name: spec.name };
  if (spec.description) out.description = spec.description;
  out.request = normalizeRequest(item.request as Record<string, unknown>, spec.request.url.raw);
  out.response = spec.examples;
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
