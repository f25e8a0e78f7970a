// `apitape docs` on flows already read: endpoints inferred from every exchange → the reference page (no I/O here).
import { inferEndpoints, type InferOptions } from '../assertions/infer.js';
import { originOf } from '../collection/origins.js';
import type { RecordedFlow } from '../collection/types.js';
import { buildDocsPage } from './model.js';
import { renderDocs } from './render.js';

export interface DocsFromFlowsOptions {
  /** Page title; default `nameFromCassettes` of the flows' names. */
  name?: string;
  infer?: InferOptions;
}

export interface BuiltDocs {
  html: string;
  title: string;
  cassettes: string[];
  endpoints: number;
  exchanges: number;
}

/** Longest default name built from cassette names; past it the default is `collection`. */
const MAX_DEFAULT_NAME = 100;

/**
 * The default collection name or page title for `cassettes`, from their names alone (never the
 * folder they sit in, so the same cassettes give the same bytes anywhere): the names sorted and
 * joined with `+` (`checkout+login`), a single cassette's own name, or `collection` when the
 * joined names would exceed 100 characters or there are none.
 */
export function nameFromCassettes(cassettes: readonly string[]): string {
  const joined = [...new Set(cassettes)].sort().join('+');
  return joined === '' || joined.length > MAX_DEFAULT_NAME ? 'collection' : joined;
}

/** Renders the reference of the flows' exchanges (accepted replays count as samples, as in `generate`). */
export function buildDocsFromFlows(flows: RecordedFlow[], options: DocsFromFlowsOptions): BuiltDocs {
  const title = options.name ?? nameFromCassettes(flows.map((f) => f.name));
  const exchanges = flows.flatMap((f) => f.exchanges);
  const endpoints = inferEndpoints(exchanges, options.infer ?? {});
  const cassettes = flows.map((f) => {
    const target = f.target ? originOf(f.target) : undefined;
    return { name: f.name, ...(f.createdAt ? { createdAt: f.createdAt } : {}), ...(target ? { target } : {}), exchanges: f.exchanges.length };
  });
  const html = renderDocs(buildDocsPage({ title, cassettes, endpoints, exchanges }));
  return { html, title, cassettes: flows.map((f) => f.name), endpoints: endpoints.length, exchanges: exchanges.length };
}
