// `accept` in a project: the cassettes the replayed collection came from, and appending accepted exchanges to them.
import * as path from 'node:path';
import { findEndpoint } from '../assertions/infer.js';
import type { Endpoint } from '../assertions/types.js';
import type { RedactionRules } from '../cassette/redact.js';
import { cassettePath, openCassetteWriter, readCassette } from '../cassette/store.js';
import type { Exchange } from '../cassette/types.js';
import { flowsOfCollection } from '../replay/collection-flows.js';
import { readJsonFile } from './json-file.js';

/** The flows of the collection a run replayed (`file` relative to `cwd`); empty when it has none or no file is known. */
export async function collectionFlows(cwd: string, collection: { name: string; file?: string }): Promise<string[]> {
  if (collection.file === undefined) return [];
  return flowsOfCollection(await readJsonFile(path.resolve(cwd, collection.file), 'collection', 'COLLECTION_NOT_FOUND'));
}

/**
 * Appends `selected` (endpoint key → exchanges) through the cassette writer (which redacts and
 * locks). Each endpoint's exchanges go to the first of `cassettes` that recorded that endpoint.
 * Returns cassette name → exchanges appended.
 */
export async function appendAccepted(
  cwd: string,
  cassettes: readonly string[],
  endpoints: Endpoint[],
  selected: ReadonlyMap<string, Array<Omit<Exchange, 'id'>>>,
  redaction: RedactionRules,
): Promise<Map<string, number>> {
  const home = await homeCassettes(cwd, cassettes, endpoints, new Set(selected.keys()));
  const byCassette = new Map<string, Array<Omit<Exchange, 'id'>>>();
  for (const [key, exchanges] of selected) {
    const name = home.get(key) ?? cassettes[0]!;
    byCassette.set(name, [...(byCassette.get(name) ?? []), ...exchanges]);
  }
  const written = new Map<string, number>();
  for (const name of [...byCassette.keys()].sort()) {
    const writer = await openCassetteWriter(cassettePath(cwd, name), { name, redaction });
    try {
      for (const exchange of byCassette.get(name)!) await writer.append(exchange);
    } finally {
      await writer.close();
    }
    written.set(name, byCassette.get(name)!.length);
  }
  return written;
}

/** endpoint key → the first cassette holding an exchange of it. */
async function homeCassettes(cwd: string, cassettes: readonly string[], endpoints: Endpoint[], wanted: Set<string>): Promise<Map<string, string>> {
  const home = new Map<string, string>();
  for (const name of cassettes) {
    if (home.size === wanted.size) break;
    for await (const exchange of readCassette(cassettePath(cwd, name))) {
      const key = findEndpoint(endpoints, exchange.request.method, exchange.request.url)?.endpoint.key;
      if (key !== undefined && wanted.has(key) && !home.has(key)) home.set(key, name);
    }
  }
  return home;
}
