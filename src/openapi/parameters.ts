// Path templates and their parameters in OpenAPI form: `/users/:userId` → `/users/{userId}`.
import type { Endpoint, ParameterModel } from '../assertions/types.js';

/** An OpenAPI Parameter Object (only the fields apitape fills). */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: { type: string; format?: string };
  example?: string | number;
}

/** `/users/:userId/orders` → `/users/{userId}/orders`; the root stays `/`. */
export function openApiPath(template: string): string {
  return template.replace(/(^|\/):([^/]+)/g, (_all, slash: string, name: string) => `${slash}{${name}}`);
}

/**
 * The path and query parameters of an endpoint, path first in template order, then query by name.
 * A query parameter is `required` only when every sample carried it and there were at least
 * `minSamples` of them (one sample proves nothing); path parameters are always required.
 */
export function endpointParameters(endpoint: Endpoint, minSamples: number): OpenApiParameter[] {
  const path = endpoint.pathParams.map((p) => parameter(p, 'path', true));
  const query = [...endpoint.queryParams]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => parameter(p, 'query', p.present !== undefined && p.present === endpoint.samples && endpoint.samples >= minSamples));
  return [...path, ...query];
}

function parameter(model: ParameterModel, where: 'path' | 'query', required: boolean): OpenApiParameter {
  const schema = parameterSchema(model.examples);
  const out: OpenApiParameter = { name: model.name, in: where, required, schema };
  const first = model.examples[0];
  if (first !== undefined) out.example = schema.type === 'integer' && Number.isSafeInteger(Number(first)) ? Number(first) : first;
  return out;
}

const INTEGER = /^-?(0|[1-9]\d{0,15})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `integer` when every example is one, `string` with `format: uuid` when every example is a UUID, else `string`. */
export function parameterSchema(examples: readonly string[]): { type: string; format?: string } {
  if (examples.length > 0 && examples.every((e) => INTEGER.test(e) && Number.isSafeInteger(Number(e)))) return { type: 'integer' };
  if (examples.length > 0 && examples.every((e) => UUID.test(e))) return { type: 'string', format: 'uuid' };
  return { type: 'string' };
}
