// What a generated request tests, as data: status, media type, schema variable, time budget and
// the captures that chain values forward. Rendering to script text lives in assertions/tests.ts.
import type { RequestTestSpec } from '../assertions/tests.js';
import { bodyJson } from '../cassette/body.js';
import { mediaType } from '../cassette/headers.js';
import type { ChainPlan } from './chain.js';
import { endpointLabel, type SchemaVariables } from './schemas.js';
import type { Step } from './steps.js';
import type { TimingOptions } from './types.js';

export interface TestSpecContext {
  plan: ChainPlan;
  schemas: SchemaVariables;
  mainOrigin: string;
  timing: TimingOptions | false;
}

/** The tests of `step` (at position `index` in replay order). */
export function buildTestSpec(step: Step, index: number, context: TestSpecContext): RequestTestSpec {
  const response = step.exchange.response!;
  const model = step.endpoint.responses.find((r) => r.status === response.status);
  const label = endpointLabel(step.endpoint, response.status, context.mainOrigin);
  const recordedType = mediaType(response.headers);
  const contentTypes = recordedType === undefined ? [] : [...new Set([recordedType, ...(model?.contentTypes ?? [])])].sort();
  const spec: RequestTestSpec = {
    label,
    status: response.status,
    contentTypes,
    captures: (context.plan.captures.get(index) ?? []).map((v) => ({ variable: v.name, source: v.source })),
    samples: model?.samples ?? step.occurrences,
  };
  if (model?.schema && bodyJson(response.body).ok) spec.schemaVariable = context.schemas.add(label, model.schema);
  if (context.timing) {
    spec.maxResponseMs = timeBudget(model?.latency.p95 ?? step.exchange.timings.durationMs, context.timing);
  }
  return spec;
}

/** `max(floorMs, factor × p95)`, rounded up to a multiple of 100 ms. */
export function timeBudget(p95: number, timing: TimingOptions): number {
  const scaled = Math.ceil((Math.max(0, p95) * timing.factor) / 100) * 100;
  return Math.max(timing.floorMs, scaled);
}
