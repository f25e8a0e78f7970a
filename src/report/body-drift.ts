// Compares one replayed JSON body with the recorded field evidence of its endpoint and status.
import type { FieldEvidence, JsonSchema, ResponseModel } from '../assertions/types.js';
import { isPlaceholder } from '../cassette/redact.js';
import { matchesFormat } from './formats.js';
import { SEVERITY_OF, type Drift, type DriftKind, type Severity } from './types.js';

/** A finding before it is tied to an endpoint and requests. */
export type Finding = Pick<Drift, 'kind' | 'severity' | 'location' | 'pointer' | 'expected' | 'actual' | 'message'>;

export interface BodyCheckOptions {
  /** A field counts as stable (one value) only with at least this many samples. */
  minStableSamples: number;
  /** A field is "few-valued" with at most this many distinct values, each seen more than once on average. */
  maxFewValues: number;
}

/** A few-valued field must have been seen at least this many times per distinct value. */
const FEW_VALUES_REPEAT = 3;
/** Names of fields whose values belong to one instance of an API (ids, times, tokens, versions). */
const INSTANCE_NAME = /(^id$|[_-]id$|uuid|guid|token|nonce|secret|session|hash|signature|etag|[_-]at$|timestamp|time$|date$|version|revision|created|updated|expires)/i;
const INSTANCE_CAMEL = /[a-z0-9](Id|ID|Ids|At|Time|Date|Token)$/;
/** Strings that look generated: long digit runs, hex or base64 blobs, uuids. */
const GENERATED = /\d{4,}|^[0-9a-f-]{8,}$|^[A-Za-z0-9+/_=-]{20,}$/i;

/** Whether a value is tied to the instance or moment it came from, so a different one is not drift. */
function looksInstanceSpecific(field: FieldEvidence, value: string | number | boolean): boolean {
  if (field.format) return true;
  const name = unescapeSegment(field.pointer.slice(field.pointer.lastIndexOf('/') + 1));
  if (INSTANCE_NAME.test(name) || INSTANCE_CAMEL.test(name)) return true;
  if (typeof value === 'string') return isPlaceholder(value) || GENERATED.test(value);
  return typeof value === 'number' && Math.abs(value) >= 1000;
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** Every finding for one body, at most one per kind and pointer (array items share a pointer). */
export function compareBody(model: ResponseModel, body: unknown, options: BodyCheckOptions): Finding[] {
  return new BodyComparison(model, options).run(body);
}

class BodyComparison {
  private readonly evidence: Map<string, FieldEvidence>;
  private readonly known = new Set<string>(['']);
  private readonly children = new Map<string, FieldEvidence[]>();
  private readonly findings = new Map<string, Finding>();

  constructor(private readonly model: ResponseModel, private readonly options: BodyCheckOptions) {
    this.evidence = new Map(model.fields.map((f) => [f.pointer, f]));
    for (const field of model.fields) {
      if (field.pointer === '') continue;
      for (let p = field.pointer; p !== ''; p = parentOf(p)) this.known.add(p);
      const parent = parentOf(field.pointer);
      this.children.set(parent, [...(this.children.get(parent) ?? []), field]);
    }
  }

  run(body: unknown): Finding[] {
    const rootTypes = this.evidence.get('')?.types ?? schemaTypes(this.model.schema);
    const type = typeOf(body);
    if (rootTypes.length > 0 && !typeFits(type, rootTypes)) {
      this.add('type-changed', '', rootTypes, type, `the body is ${type}, was ${rootTypes.join(' or ')}`);
      return [...this.findings.values()];
    }
    this.descend(body, '');
    return [...this.findings.values()];
  }

  private visit(value: unknown, pointer: string): void {
    const field = this.evidence.get(pointer);
    if (field && !this.checkField(field, value)) return;
    this.descend(value, pointer);
  }

  private descend(value: unknown, pointer: string): void {
    if (Array.isArray(value)) {
      const item = `${pointer}/*`;
      if (this.known.has(item)) for (const v of value) this.visit(v, item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const mapValues = `${pointer}/*`; // an object inference saw as a map (ids as keys) has one value position
    for (const [key, child] of Object.entries(object)) {
      const childPointer = `${pointer}/${escapeSegment(key)}`;
      if (this.known.has(childPointer)) this.visit(child, childPointer);
      else if (this.known.has(mapValues)) this.visit(child, mapValues);
      else this.add('field-added', childPointer, 'absent', preview(child), `${childPointer} was never recorded; now ${typeOf(child)}`);
    }
    for (const field of this.children.get(pointer) ?? []) {
      const key = unescapeSegment(field.pointer.slice(pointer.length + 1));
      if (key === '*' || Object.hasOwn(object, key) || field.of === 0 || field.present < field.of) continue;
      this.add('field-removed', field.pointer, field.types, 'absent', `${field.pointer} is missing; it was in every recorded sample (${field.present}/${field.of})`);
    }
  }

  /** Type, nullability, format and value checks; false when the value's type no longer fits (stop there). */
  private checkField(field: FieldEvidence, value: unknown): boolean {
    const type = typeOf(value);
    const recorded = field.types;
    const at = field.pointer;
    if (type === 'null') {
      if (!recorded.includes('null') && recorded.length > 0) {
        this.add('nullability-changed', at, recorded, null, `${at} is null; it was never null (${recorded.join(' or ')})`);
      }
      return false;
    }
    if (recorded.length > 0 && recorded.every((t) => t === 'null')) {
      this.add('nullability-changed', at, recorded, type, `${at} is ${type}; it was always null`, 'warning');
      return false;
    }
    if (recorded.length > 0 && !typeFits(type, recorded)) {
      this.add('type-changed', at, recorded, type, `${at} is ${type} (${JSON.stringify(preview(value))}); it was ${recorded.join(' or ')}`);
      return false;
    }
    if (type === 'string' && field.format && !isPlaceholder(value as string) && matchesFormat(value as string, field.format) === false) {
      this.add('format-changed', at, field.format, value, `${at} is no longer a ${field.format}: ${JSON.stringify(preview(value))}`);
    }
    if (type !== 'object' && type !== 'array') this.checkValue(field, value as string | number | boolean);
    return true;
  }

  /**
   * Value findings: only for values that mean the same on every instance of the API. Inference calls
   * a field volatile when its values differed at all, so a few-valued string (an order status seen
   * as `pending` and `paid` many times) may still get a "new value" finding; timestamps, ids,
   * tokens and anything that looks generated never get a value finding.
   */
  private checkValue(field: FieldEvidence, value: string | number | boolean): void {
    const values = field.values;
    if (!values || field.distinctCapped || values.length !== field.distinct || values.includes(value)) return;
    if (looksInstanceSpecific(field, value) || values.some((v) => looksInstanceSpecific(field, v))) return;
    const samples = field.present - field.nulls;
    if (!field.volatile && field.distinct === 1 && samples >= this.options.minStableSamples) {
      this.add('value-changed', field.pointer, values[0], value, `${field.pointer} is ${JSON.stringify(value)}; it was ${JSON.stringify(values[0])} in all ${samples} samples`);
    } else if (
      typeof value !== 'number' &&
      field.distinct >= 2 &&
      field.distinct <= this.options.maxFewValues &&
      samples >= field.distinct * FEW_VALUES_REPEAT
    ) {
      this.add('new-value', field.pointer, values, value, `${field.pointer} holds a new value ${JSON.stringify(value)}; recorded only ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    }
  }

  private add(kind: DriftKind, pointer: string, expected: unknown, actual: unknown, message: string, severity?: Severity): void {
    const key = `${kind} ${pointer}`;
    if (this.findings.has(key)) return;
    this.findings.set(key, { kind, severity: severity ?? SEVERITY_OF[kind], location: 'body', pointer, expected, actual, message });
  }
}

/** The JSON type name (`integer` for whole numbers, as JSON Schema has it). */
export function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'object') return typeof value as JsonType;
  return 'null';
}

function typeFits(type: JsonType, recorded: readonly string[]): boolean {
  return recorded.includes(type) || (type === 'integer' && recorded.includes('number'));
}

function schemaTypes(schema: JsonSchema | undefined): string[] {
  const type = schema?.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A value small enough to show: long strings and big containers are cut. */
export function preview(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 400 ? `${text.slice(0, 400)}…` : value;
  }
  return value;
}
