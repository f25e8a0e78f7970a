// The response-field table that documentation shows (collection descriptions and `apitape docs`):
// each field's types, format, whether the schema requires it, and the evidence behind it.
import type { FieldEvidence, JsonSchema, ResponseModel } from '../assertions/types.js';

/** A redaction placeholder anywhere in a value (`Bearer <redacted:authorization:3f9a1c>`). */
const HOLDS_PLACEHOLDER = /<redacted:[a-z0-9_.-]+:[0-9a-f]{6}>/;

/** One field of a response body, as documentation shows it. */
export interface FieldRow {
  // JSON pointer, `*` for every array item, e.g. `/data/*/id`; `''` is the body itself.
  pointer: string;
  /** JSON types seen (`integer` and `number` both listed), sorted. */
  types: string[];
  format?: string;
  /** Whether the inferred schema requires it; `undefined` for the body and for array items. */
  required: boolean | undefined;
  present: number;
  of: number;
  /** `37/40 samples`, `118/120 parent objects`, `240 items`. */
  seenIn: string;
  /** `nullable`, `varies`, `redacted` (values were redaction placeholders). */
  notes: string[];
}

/** The rows of `response`, in pointer order (the body first). */
export function fieldRows(response: ResponseModel): FieldRow[] {
  return response.fields.map((field) => ({
    pointer: field.pointer,
    types: field.types,
    ...(field.format ? { format: field.format } : {}),
    required: isRequired(response.schema, field.pointer),
    present: field.present,
    of: field.of,
    seenIn: seenIn(field),
    notes: notesOf(field),
  }));
}

/** `seen in 37/40 samples`: out of the bodies for top-level fields, out of the enclosing objects below. */
function seenIn(field: FieldEvidence): string {
  const segments = splitPointer(field.pointer);
  if (segments.length === 0) return `${field.present}/${field.of} samples`;
  if (segments[segments.length - 1] === '*') return `${field.present} ${field.present === 1 ? 'item' : 'items'}`;
  if (segments.length === 1) return `${field.present}/${field.of} samples`;
  return `${field.present}/${field.of} parent objects`;
}

function notesOf(field: FieldEvidence): string[] {
  const notes: string[] = [];
  if (field.nulls > 0) notes.push(`null in ${field.nulls}`);
  if (field.values?.some((v) => typeof v === 'string' && HOLDS_PLACEHOLDER.test(v))) notes.push('redacted');
  else if (field.volatile) notes.push('varies');
  return notes;
}

/** Reads `required` from the schema the tests use, so the docs say what replay enforces. */
function isRequired(schema: JsonSchema | undefined, pointer: string): boolean | undefined {
  const segments = splitPointer(pointer);
  const last = segments.pop();
  if (last === undefined || last === '*' || schema === undefined) return undefined;
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) node = node && childSchema(node, segment);
  if (!node) return undefined;
  const required = node.required;
  return Array.isArray(required) && required.includes(last);
}

function childSchema(node: JsonSchema, segment: string): JsonSchema | undefined {
  if (segment === '*') {
    const child = node.items ?? node.additionalProperties;
    return isSchema(child) ? child : undefined;
  }
  const properties = node.properties;
  if (!isSchema(properties) || !Object.hasOwn(properties, segment)) return undefined;
  const child = properties[segment];
  return isSchema(child) ? child : undefined;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 reference tokens of `pointer` (`~1` → `/`, `~0` → `~`). */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
