// `apitape docs` in a project: its cassettes → the reference page (src/docs) → `<out>/index.html`,
// written only ever over a page this command wrote before.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildDocsFromFlows, type BuiltDocs, type DocsFromFlowsOptions } from '../docs/from-flows.js';
import { DOCS_GENERATOR } from '../docs/render.js';
import { ApitapeError } from '../errors.js';
import { writeFilesAtomically } from './atomic-write.js';
import { loadFlows } from './flows.js';

export interface DocsFromCassettesOptions extends DocsFromFlowsOptions {
  /** Cassettes to read; empty or absent: every cassette in `<cwd>/cassettes/`. */
  cassettes?: string[];
  onWarning: (message: string) => void;
}

/** Reads the cassettes and renders the reference (`buildDocsFromFlows`). */
export async function buildDocsFromCassettes(cwd: string, options: DocsFromCassettesOptions): Promise<BuiltDocs> {
  return buildDocsFromFlows(await loadFlows(cwd, options.cassettes, options.onWarning), options);
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
