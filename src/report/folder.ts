// What a report folder holds: run.json, junit.xml and drift.{md,html,json}, as names and text (src/project/reports.ts writes them).
import type { RunResult } from '../replay/types.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderJson } from './schema.js';
import type { DriftReport } from './types.js';

export const RUN_FILE = 'run.json';

/** The drift files only (what `apitape diff` rewrites). */
export function driftFiles(report: DriftReport): Array<{ name: string; text: string }> {
  return [
    { name: 'drift.md', text: renderMarkdown(report) },
    { name: 'drift.html', text: renderHtml(report) },
    { name: 'drift.json', text: renderJson(report) },
  ];
}

/** Every file of a run's report folder. */
export function reportFiles(run: RunResult, report: DriftReport): Array<{ name: string; text: string }> {
  return [
    { name: RUN_FILE, text: `${JSON.stringify(run, null, 2)}\n` },
    { name: 'junit.xml', text: renderJunit(run, report) },
    ...driftFiles(report),
  ];
}
