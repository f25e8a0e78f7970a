// Renders endpoint models as the text `apitape inspect` prints: a table per origin and, with
// fields, the evidence behind each schema (`email: string, format email, in 40/40, 40 distinct`).
import type { Endpoint, FieldEvidence, ResponseModel } from './types.js';

export interface DescribeOptions {
  /** Add the response models and field evidence under each endpoint. */
  fields?: boolean;
}

/** The inspect table; ends with a newline. */
export function describeEndpoints(endpoints: readonly Endpoint[], options: DescribeOptions = {}): string {
  if (endpoints.length === 0) return 'no endpoints: the cassette holds no exchanges\n';
  const lines: string[] = [];
  const origins = [...new Set(endpoints.map((e) => e.origin))].sort();
  for (const origin of origins) {
    const group = endpoints.filter((e) => e.origin === origin);
    const rows = group.map((e) => [e.method, e.template, statusList(e), String(e.samples), `${p50(e)} ms`]);
    const widths = columnWidths([['METHOD', 'TEMPLATE', 'STATUSES', 'SAMPLES', 'P50'], ...rows]);
    if (lines.length > 0) lines.push('');
    lines.push(origin === '' ? '(relative URLs)' : origin);
    lines.push(`  ${formatRow(['METHOD', 'TEMPLATE', 'STATUSES', 'SAMPLES', 'P50'], widths)}`);
    group.forEach((endpoint, i) => {
      lines.push(`  ${formatRow(rows[i] as string[], widths)}`);
      if (options.fields) for (const response of endpoint.responses) lines.push(...describeResponse(response));
    });
  }
  const samples = endpoints.reduce((n, e) => n + e.samples, 0);
  lines.push('', `${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'} from ${samples} exchange${samples === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** The response summary line and one evidence line per field. */
export function describeResponse(response: ResponseModel): string[] {
  const types = response.contentTypes.length > 0 ? response.contentTypes.join(', ') : response.bodyKinds.join(', ');
  const size = response.size.min === response.size.max ? `${response.size.max} bytes` : `${response.size.min}-${response.size.max} bytes`;
  const notes = [`${response.samples} sample${response.samples === 1 ? '' : 's'}`, size];
  if (response.unparseable) notes.push(`${response.unparseable} unparseable`);
  if (response.schemaCapped) notes.push('schema capped (deep nesting)');
  const lines = [`      ${response.status} ${types}: ${notes.join(', ')}`];
  for (const field of response.fields) lines.push(`        ${describeField(field)}`);
  return lines;
}

/** `email: string, format email, in 40/40, 40 distinct`. */
export function describeField(field: FieldEvidence): string {
  const parts = [field.types.join('|') || 'nothing'];
  if (field.format) parts.push(`format ${field.format}`);
  parts.push(`in ${field.present}/${field.of}`);
  if (field.nulls > 0) parts.push(`null ${field.nulls}`);
  if (field.distinct > 0) parts.push(`${field.distinct}${field.distinctCapped ? '+' : ''} distinct`);
  if (field.volatile) parts.push('volatile');
  return `${field.pointer === '' ? '(body)' : field.pointer.slice(1)}: ${parts.join(', ')}`;
}

function statusList(endpoint: Endpoint): string {
  const statuses = endpoint.responses.map((r) => String(r.status));
  if (endpoint.failures) statuses.push(`failed×${endpoint.failures}`);
  return statuses.join(',') || '-';
}

function p50(endpoint: Endpoint): number {
  return endpoint.latency?.p50 ?? endpoint.responses[0]?.latency.p50 ?? 0;
}

function columnWidths(rows: string[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return widths;
}

function formatRow(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
}
