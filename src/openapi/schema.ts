// Converts inference's draft-07 schemas into the JSON Schema 2020-12 dialect OpenAPI 3.1 uses.
import type { JsonSchema } from '../assertions/types.js';
import { setOwnProperty } from '../own-property.js';

/**
 * The OpenAPI 3.1 form of a draft-07 schema: `$schema` dropped (the document's dialect applies),
 * tuple `items` arrays become `prefixItems` (and `additionalItems` becomes `items`), `definitions`
 * becomes `$defs`. Everything else inference emits (type unions, formats, `required`, enums) is the
 * same in both dialects. Pure; the input is not modified.
 */
export function toOpenApiSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return convertNode(rest) as JsonSchema;
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);
const SCHEMA_LISTS = new Set(['anyOf', 'allOf', 'oneOf']);

function convertNode(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node as JsonSchema)) {
    if (key === 'items' && Array.isArray(value)) out.prefixItems = value.map(convertNode);
    else if (key === 'additionalItems') out.items = convertNode(value);
    else if (key === 'definitions') out.$defs = convertMap(value);
    else if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\/definitions\//, '#/$defs/');
    else if (SCHEMA_MAPS.has(key)) out[key] = convertMap(value);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(convertNode);
    else if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default' || key === 'required') out[key] = value;
    else setOwnProperty(out, key, typeof value === 'object' ? convertNode(value) : value);
  }
  return out;
}

function convertMap(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: JsonSchema = {};
  for (const [name, schema] of Object.entries(value as JsonSchema)) setOwnProperty(out, name, convertNode(schema));
  return out;
}
