// The Operation Object of one endpoint: id, summary, tag, parameters, request body, responses, security.
import type { InferOptions } from '../assertions/infer.js';
import type { Endpoint } from '../assertions/types.js';
import type { Exchange } from '../cassette/types.js';
import { endpointParameters, openApiPath, type OpenApiParameter } from './parameters.js';
import { buildRequestBody, type RequestBodyObject } from './request-body.js';
import { buildResponses, type ResponseObject } from './responses.js';
import { operationSecurity, type SecurityRequirement, type SecurityScheme } from './security.js';

export interface OperationObject {
  operationId: string;
  summary: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
  security: SecurityRequirement[];
  /** How many exchanges the operation was learnt from. */
  'x-apitape-samples': number;
}

export interface OperationContext {
  operationId: string;
  infer: InferOptions;
  /** Security schemes found so far, shared by every operation (filled in as they are seen). */
  schemes: Map<string, SecurityScheme>;
}

/** Builds the operation of `endpoint` from its model and its recorded samples. */
export function buildOperation(endpoint: Endpoint, samples: readonly Exchange[], context: OperationContext): OperationObject {
  const operation: OperationObject = {
    operationId: context.operationId,
    summary: `${endpoint.method} ${openApiPath(endpoint.template)}`,
    responses: buildResponses(endpoint, samples),
    security: operationSecurity(samples, context.schemes),
    'x-apitape-samples': endpoint.samples,
  };
  const tag = tagOf(endpoint.template);
  if (tag) operation.tags = [tag];
  const parameters = endpointParameters(endpoint, context.infer.minSamplesForRequired ?? 2);
  if (parameters.length > 0) operation.parameters = parameters;
  const body = buildRequestBody(samples, context.infer);
  if (body) operation.requestBody = body;
  return operation;
}

/** The first literal segment that is not a version prefix (`/v2/users/:id` → `users`). */
export function tagOf(template: string): string | undefined {
  const segments = template.split('/').filter((s) => s !== '' && !s.startsWith(':'));
  return segments.find((s) => !/^v\d+(\.\d+)*$/i.test(s) && s !== 'api') ?? segments[0];
}
