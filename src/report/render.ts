// Picks the renderer for a `--format` value: the text a command prints at the end of a run or diff.
import { renderMarkdown } from './markdown.js';
import { renderJson } from './schema.js';
import { renderTerminalSummary } from './terminal.js';
import type { DriftReport } from './types.js';

export type ReportFormat = 'terminal' | 'md' | 'json';

/** The report as the terminal summary, Markdown or the JSON document (`drift.json`). */
export function renderReport(report: DriftReport, format: ReportFormat, options: { color: boolean }): string {
  if (format === 'json') return renderJson(report);
  if (format === 'md') return renderMarkdown(report);
  return renderTerminalSummary(report, { color: options.color });
}
