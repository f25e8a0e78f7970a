// Turns planned folders of steps into the folders and request items of the collection, with each
// request's tests, its stable id and the record of where it came from.
import { renderTestScript, testNames } from '../assertions/tests.js';
import type { FolderSpec } from './build.js';
import type { ChainPlan } from './chain.js';
import { describeStep } from './describe.js';
import { stableUuid } from './ids.js';
import { nameRequest, uniqueNames } from './names.js';
import { buildRequest } from './request.js';
import type { SchemaVariables } from './schemas.js';
import type { Step } from './steps.js';
import { buildTestSpec } from './test-spec.js';
import type { RequestOrigin, TimingOptions } from './types.js';

export interface PlannedFolder {
  name: string;
  description: string;
  steps: Step[];
}

export interface ItemContext {
  plan: ChainPlan;
  schemas: SchemaVariables;
  /** origin → base URL variable; `mainOrigin` is the one on `{{baseUrl}}`. */
  origins: Map<string, string>;
  mainOrigin: string;
  timing: TimingOptions | false;
  /** Flow (cassette) names by `Step.flow`. */
  flowNames: string[];
}

export interface BuiltItems {
  folders: FolderSpec[];
  /** Item id → where the request came from (the `apitape.requests` variable). */
  origins: Record<string, RequestOrigin>;
  tests: number;
}

/** Builds every item; steps are numbered across folders in replay order (what chaining assumes). */
export function buildItems(folders: PlannedFolder[], context: ItemContext): BuiltItems {
  const ordered = folders.flatMap((f) => f.steps);
  const names = uniqueNames(ordered.map((s) => nameRequest(s.exchange.request.method, s.endpoint.template)));
  const origins: Record<string, RequestOrigin> = {};
  let tests = 0;
  let index = 0;
  const specs = folders.map((folder) => ({
    name: folder.name,
    description: folder.description,
    items: folder.steps.map((step) => {
      const i = index++;
      const spec = buildTestSpec(step, i, { plan: context.plan, schemas: context.schemas, mainOrigin: context.mainOrigin, timing: context.timing });
      tests += testNames(spec).length;
      const request = buildRequest(step, i, { plan: context.plan, origins: context.origins });
      const flow = context.flowNames[step.flow] ?? '';
      const id = stableUuid(`apitape request ${flow} ${step.exchange.id} ${step.endpoint.key}`);
      origins[id] = { endpoint: step.endpoint.key, status: spec.status, flow, exchange: step.exchange.id, occurrences: step.occurrences };
      return { id, name: names[i]!, description: describeStep(step, request.note), request, test: renderTestScript(spec) };
    }),
  }));
  return { folders: specs, origins, tests };
}
