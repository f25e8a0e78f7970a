// Turns planned folders of steps into the folders and request items of the collection, with each
// request's tests, description, saved examples, its stable id and the record of where it came from.
import { renderTestScript, testNames } from '../assertions/tests.js';
import type { FolderSpec } from './build.js';
import type { ChainPlan } from './chain.js';
import { describeFolder } from './describe.js';
import { describeRequest } from './describe-request.js';
import { buildExample, exampleExchanges, type ExampleIndex, type PostmanExample } from './examples.js';
import { stableUuid } from './ids.js';
import { nameRequest, uniqueNames } from './names.js';
import { buildRequest, type PostmanRequest, type RequestContext } from './request.js';
import type { SchemaVariables } from './schemas.js';
import type { Step } from './steps.js';
import { buildTestSpec } from './test-spec.js';
import type { RequestOrigin, TimingOptions } from './types.js';

export interface PlannedFolder {
  name: string;
  /** The recorded flow the folder holds; absent for the Auth folder (logins moved to the front). */
  flow?: { name: string; createdAt?: string; target?: string };
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
  /** The first recorded exchange of every endpoint and status, for saved examples. */
  examples: ExampleIndex;
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
  const requestContext: RequestContext = { plan: context.plan, origins: context.origins };
  const specs = folders.map((folder) => {
    const first = index;
    const items = folder.steps.map((step) => {
      const i = index++;
      const spec = buildTestSpec(step, i, { plan: context.plan, schemas: context.schemas, mainOrigin: context.mainOrigin, timing: context.timing });
      tests += testNames(spec).length;
      const request = buildRequest(step, i, requestContext);
      const flow = context.flowNames[step.flow] ?? '';
      const id = stableUuid(`apitape request ${flow} ${step.exchange.id} ${step.endpoint.key}`);
      origins[id] = { endpoint: step.endpoint.key, status: spec.status, flow, exchange: step.exchange.id, occurrences: step.occurrences };
      const { examples, notes } = buildExamples(step, i, request, context, requestContext);
      const description = describeRequest({
        step,
        flow,
        baseVariable: context.origins.get(step.endpoint.origin),
        note: request.note,
        exampleNotes: notes,
      });
      return { id, name: names[i]!, description, request, test: renderTestScript(spec), examples };
    });
    const description = describeFolder({ ...(folder.flow ? { flow: folder.flow } : {}), steps: folder.steps, names: names.slice(first, index) });
    return { name: folder.name, description, items };
  });
  return { folders: specs, origins, tests };
}

/** One saved example per status of the step's endpoint; the step's own exchange (and `own` request) for its own status. */
function buildExamples(step: Step, index: number, own: PostmanRequest, context: ItemContext, requestContext: RequestContext): {
  examples: PostmanExample[];
  notes: Array<{ status: number; note: string }>;
} {
  const examples: PostmanExample[] = [];
  const notes: Array<{ status: number; note: string }> = [];
  for (const exchange of exampleExchanges(step.exchange, step.endpoint, context.examples)) {
    const request = exchange === step.exchange ? own : buildRequest({ ...step, exchange }, index, requestContext);
    const built = buildExample(exchange, request);
    examples.push(built.example);
    if (built.note) notes.push({ status: exchange.response!.status, note: built.note });
  }
  return { examples, notes };
}
