// `apitape docs` from the project: cassettes on disk → endpoints inferred from every exchange → the
// reference page, and writing it (only ever over a page this command wrote before).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { inferEndpoints, type InferOptions } from '../assertions/infer.js';
import { writeFilesAtomically } from '../collection/files.js';
import { loadFlows } from '../collection/load.js';
import { originOf } from '../collection/origins.js';
import { ApitapeError } from '../errors.js';
import { buildDocsPage } from './model.js';
import { DOCS_GENERATOR, renderDocs } from './render.js';

export interface DocsFromCassettesOptions {
  /** Cassettes to read; empty or absent: every cassette in `<cwd>/cassettes/`. */
  cassettes?: string[];
  /** Page title; default `nameFromCassettes` of the cassettes read. */
  name?: string;
  infer?: InferOptions;
  onWarning: (message: string) => void;
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

/** Reads the cassettes and renders the reference (accepted replays count as samples, as in `generate`). */
export async function buildDocsFromCassettes(cwd: string, options: DocsFromCassettesOptions): Promise<BuiltDocs> {
  const flows = await loadFlows(cwd, options.cassettes, options.onWarning);
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

/**
 * Writes `<outDir>/index.html` atomically. An existing `index.html` that this command did not write
 * is refused (exit 2), so pointing `--out` at a real site never overwrites it.
 */
export async function writeDocs(outDir: string, html: string): Promise<string> {
  const file = path.join(outDir, 'index.html');
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') {
      throw new ApitapeError('WRITE_FAILED', `cannot write ${file}: ${outDir} is not a folder`, { hint: 'choose a folder with --out' });
    }
    return undefined; // absent, or unreadable: writing then reports what is wrong
  });
  if (existing !== undefined && !existing.includes(`<meta name="generator" content="${DOCS_GENERATOR}">`)) {
    throw new ApitapeError('DOCS_OUT_TAKEN', `${file} exists and was not written by apitape docs`, {
      hint: 'choose another folder with --out, or move that file away',
    });
  }
  await writeFilesAtomically([{ path: file, text: html }]);
  return file;
}
