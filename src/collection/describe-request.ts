// The Markdown description of one request: its endpoint template and parameters, and per status the
// response fields with their type, format, whether they are required and the evidence behind it.
import type { Endpoint, ParameterModel, ResponseModel } from '../assertions/types.js';
import { STATUS_CODES } from 'node:http';
import { formatBytes } from './example-body.js';
import { fieldRows, type FieldRow } from './field-rows.js';
import { mdCode, mdTable, mdText } from './markdown.js';
import type { Step } from './steps.js';

/** Field rows shown per status; the rest are counted (all of them are in `apitape docs`). */
const MAX_FIELD_ROWS = 40;
const MAX_PARAM_EXAMPLES = 3;

export interface RequestFacts {
  step: Step;
  /** Cassette the request came from. */
  flow: string;
  /** The `{{variable}}` the request's origin is on, e.g. `baseUrl`. */
  baseVariable: string | undefined;
  /** Why part of the request was left out (binary or truncated body). */
  note: string | undefined;
  /** Notes on trimmed saved examples, by status. */
  exampleNotes: Array<{ status: number; note: string }>;
}

/** The request's description; recorded text only enters escaped or as code spans. */
export function describeRequest(facts: RequestFacts): string {
  const { step } = facts;
  const endpoint = step.endpoint;
  const status = step.exchange.response?.status ?? 0;
  const where = facts.baseVariable ? `{{${facts.baseVariable}}}` : endpoint.origin;
  const times = step.occurrences === 1 ? '1 recorded exchange' : `${step.occurrences} identical recorded reads`;
  const lines = [
    `${mdCode(endpoint.method, 20, false)} ${mdCode(endpoint.template, 200, false)} on ${mdCode(where, 200, false)}`,
    '',
    `Stands for ${times} in cassette ${mdCode(facts.flow, 120, false)}, answered **${status} ${mdText(statusText(status))}**.` +
      (endpoint.samples > step.occurrences ? ` The endpoint was recorded ${plural(endpoint.samples, 'time')} in all.` : ''),
  ];
  if (facts.note) lines.push('', `Note: ${mdText(facts.note, 300)}.`);
  lines.push(...describeParams('Path parameters', endpoint.pathParams, undefined));
  lines.push(...describeParams('Query parameters', endpoint.queryParams, endpoint.samples));
  lines.push(...describeResponses(endpoint));
  if (facts.exampleNotes.length > 0) {
    lines.push('', ...facts.exampleNotes.map((n) => `- Saved example ${n.status}: ${mdText(n.note, 300)}.`));
  }
  return lines.join('\n');
}

function describeParams(title: string, params: ParameterModel[], samples: number | undefined): string[] {
  if (params.length === 0) return [];
  const head = samples === undefined ? ['name', 'recorded values'] : ['name', 'seen in', 'recorded values'];
  const rows = params.map((p) => {
    const values = p.examples.slice(0, MAX_PARAM_EXAMPLES).map((v) => mdCode(v, 60)).join(', ') || '—';
    return samples === undefined ? [mdCode(p.name, 60), values] : [mdCode(p.name, 60), `${p.present ?? 0}/${samples} samples`, values];
  });
  return ['', `**${title}**`, '', ...mdTable(head, rows)];
}

/** Response sections by endpoint: every request of an endpoint shows the same ones. */
const described = new WeakMap<Endpoint, string[]>();

/** Every status the endpoint answered, with the table of its JSON fields. */
export function describeResponses(endpoint: Endpoint): string[] {
  const known = described.get(endpoint);
  if (known) return known;
  const lines = renderResponses(endpoint);
  described.set(endpoint, lines);
  return lines;
}

function renderResponses(endpoint: Endpoint): string[] {
  if (endpoint.responses.length === 0) return [];
  const lines = ['', `**Responses**: ${endpoint.responses.map((r) => `${r.status} (${plural(r.samples, 'sample')})`).join(', ')}`];
  for (const response of endpoint.responses) lines.push('', ...describeResponse(response));
  return lines;
}

function describeResponse(response: ResponseModel): string[] {
  const kinds = response.contentTypes.length > 0 ? response.contentTypes.map((t) => mdCode(t, 60)) : response.bodyKinds.map((k) => mdText(k));
  const size = response.size.min === response.size.max ? formatBytes(response.size.max) : `${formatBytes(response.size.min)} to ${formatBytes(response.size.max)}`;
  const facts = [
    `**${response.status} ${mdText(statusText(response.status))}**`,
    kinds.join(', ') || 'no body',
    plural(response.samples, 'sample'),
    size,
    `p50 ${response.latency.p50} ms, p95 ${response.latency.p95} ms`,
  ];
  const lines = [facts.join(' · ')];
  const rows = fieldRows(response);
  if (rows.length === 0) return lines;
  const shown = rows.slice(0, MAX_FIELD_ROWS);
  lines.push('', ...mdTable(['field', 'type', 'format', 'required', 'evidence', 'notes'], shown.map(fieldCells)));
  if (rows.length > shown.length) lines.push('', `${rows.length - shown.length} more fields: \`apitape docs\` and \`apitape inspect --fields\` list them all.`);
  if (response.schemaCapped) lines.push('', 'Some bodies nest deeper than inference describes: the schema accepts anything below that depth.');
  return lines;
}

function fieldCells(row: FieldRow): string[] {
  return [
    row.pointer === '' ? '(body)' : mdCode(row.pointer, 100),
    mdText(row.types.join(' or ') || 'nothing'),
    row.format ? mdText(row.format) : '',
    row.required === undefined ? '—' : row.required ? 'yes' : 'no',
    `seen in ${row.seenIn}`,
    mdText(row.notes.join(', ')),
  ];
}

/** `Created` for 201; empty for codes Node does not name. */
export function statusText(status: number): string {
  return STATUS_CODES[status] ?? '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
