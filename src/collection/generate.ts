// The generate stage: recorded flows + inferred endpoints → a Postman v2.1 collection with tests and
// chaining, and its environment. Pure: no I/O, the same input always gives the same JSON.
import { findEndpoint } from '../assertions/infer.js';
import { ApitapeError } from '../errors.js';
import { assembleCollection } from './build.js';
import { analyzeChains, findLoginSteps, planChains, type ChainPlan } from './chain.js';
import { buildEnvironment, isEnvironmentName, type PostmanEnvironment } from './environment.js';
import { describeCollection } from './describe.js';
import { indexExamples } from './examples.js';
import { buildItems, type PlannedFolder } from './items.js';
import { environmentNameFor, originOf, planOrigins, type OriginPlan } from './origins.js';
import { canonicalJson, SchemaVariables } from './schemas.js';
import { isRead, planSteps, type Step } from './steps.js';
import {
  DEFAULT_TIMING,
  REQUESTS_VARIABLE,
  type CollectionVariable,
  type GenerateInput,
  type GenerateOptions,
  type GenerateResult,
  type RecordedFlow,
} from './types.js';

export const AUTH_FOLDER = 'Auth';

/** Builds the collection and environment for `input`; bad input is an `ApitapeError` (exit 2). */
export function generateCollection(input: GenerateInput, options: GenerateOptions = {}): GenerateResult {
  const total = input.flows.reduce((sum, flow) => sum + flow.exchanges.length, 0);
  if (total === 0) {
    throw new ApitapeError('CASSETTE_EMPTY', `no recorded exchanges in ${flowNames(input)}`, {
      hint: 'record some traffic first with `apitape record`',
    });
  }
  const origins = planOrigins(input.flows);
  const lookup = (method: string, url: string) => findEndpoint(input.endpoints, method, url)?.endpoint;
  const stepPlan = planSteps(input.flows, lookup);
  const folders = orderFolders(input, stepPlan.flows);
  const ordered = folders.flatMap((f) => f.steps);
  if (!ordered.some(hasJsonResponse)) {
    throw new ApitapeError('NO_JSON_ENDPOINTS', `${flowNames(input)} holds no JSON responses to test (${total} exchanges)`, {
      hint: 'apitape generates tests for JSON APIs; check what was captured with `apitape inspect`',
    });
  }
  const plan = planChains(ordered, analyzeChains(ordered), origins.variables.values());
  const schemas = new SchemaVariables();
  const built = buildItems(folders, {
    plan,
    schemas,
    origins: origins.variables,
    mainOrigin: origins.main,
    timing: options.timing ?? DEFAULT_TIMING,
    flowNames: input.flows.map((f) => f.name),
    examples: indexExamples(input.flows, lookup),
  });
  const environment = buildGeneratedEnvironment(origins, plan, options.envName);
  const collection = assembleCollection({
    name: input.name,
    description: describeCollection({
      name: input.name,
      flows: input.flows.map((f) => ({ ...flowFacts(f), exchanges: f.exchanges.length })),
      origins: origins.variables,
      environment: environment.name,
      secrets: [...plan.secrets.values()].map((s) => s.name),
      chained: [...plan.chained.values()].map((v) => v.name),
      requests: ordered.length,
      endpoints: new Set(ordered.map((s) => s.endpoint.key)).size,
      timing: (options.timing ?? DEFAULT_TIMING) !== false,
    }),
    folders: built.folders,
    variables: [
      ...collectionVariables(origins, plan, schemas),
      { key: REQUESTS_VARIABLE, value: canonicalJson(built.origins), type: 'string', description: 'Where each request came from (for apitape replay and diff).' },
    ],
  });
  return {
    collection,
    environments: [environment],
    summary: {
      requests: ordered.length,
      folders: built.folders.length,
      tests: built.tests,
      chained: [...plan.chained.values()].map((v) => v.name),
      secrets: [...plan.secrets.values()].map((s) => s.name),
      collapsed: stepPlan.collapsed,
      skipped: stepPlan.skipped,
    },
  };
}

/**
 * One folder per recorded flow, in recorded order; logins move to a first "Auth" folder when
 * nothing before them wrote anything and they send no value an earlier response produced.
 */
function orderFolders(input: GenerateInput, flows: Step[][]): PlannedFolder[] {
  const recorded = flows.flat();
  const analysis = analyzeChains(recorded);
  const logins = findLoginSteps(analysis);
  const usesEarlier = new Set([...analysis.consumed.values()].flat().map((c) => c.step));
  const firstWrite = recorded.findIndex((s) => !isRead(s.exchange.request.method));
  const moved = new Set(
    [...logins].filter((i) => !usesEarlier.has(i) && (firstWrite === -1 || firstWrite >= i)).map((i) => recorded[i]!),
  );
  const auth: PlannedFolder = { name: AUTH_FOLDER, steps: recorded.filter((s) => moved.has(s)) };
  const rest = flows.map((steps, i) => ({
    name: input.flows[i]!.name,
    flow: flowFacts(input.flows[i]!),
    steps: steps.filter((s) => !moved.has(s)),
  }));
  return [auth, ...rest].filter((f) => f.steps.length > 0);
}

/** Name, creation time and target of a flow's cassette; the target as an origin only (never user info). */
function flowFacts(flow: RecordedFlow): { name: string; createdAt?: string; target?: string } {
  const target = flow.target ? originOf(flow.target) : undefined;
  return { name: flow.name, ...(flow.createdAt ? { createdAt: flow.createdAt } : {}), ...(target ? { target } : {}) };
}

function hasJsonResponse(step: Step): boolean {
  return step.endpoint.responses.some((r) => r.schema !== undefined);
}

function buildGeneratedEnvironment(origins: OriginPlan, plan: ChainPlan, envName: string | undefined): PostmanEnvironment {
  const name = envName ?? environmentNameFor(origins.main);
  if (!isEnvironmentName(name)) {
    throw new ApitapeError('ENV_NAME', `invalid environment name "${name.slice(0, 60)}"`, {
      hint: 'use letters, digits, ".", "_" and "-", e.g. --env-name staging',
    });
  }
  return buildEnvironment(name, [
    ...[...origins.variables].map(([origin, key]) => ({ key, value: origin })),
    ...[...plan.secrets.values()].map((s) => ({ key: s.name, value: '', secret: true })),
  ]);
}

function collectionVariables(origins: OriginPlan, plan: ChainPlan, schemas: SchemaVariables): CollectionVariable[] {
  const variables: CollectionVariable[] = [];
  for (const [origin, key] of origins.variables) {
    variables.push({ key, value: origin, type: 'string', description: 'Recorded origin; the environment overrides it.' });
  }
  for (const v of plan.chained.values()) {
    variables.push({ key: v.name, value: v.secret ? '' : v.recorded, type: 'string', description: 'Set by a test script from an earlier response.' });
  }
  for (const d of plan.pathDefaults.values()) {
    variables.push({ key: d.name, value: d.value, type: 'string', description: 'Recorded path parameter; override it in the environment.' });
  }
  for (const s of schemas.entries()) variables.push({ key: s.key, value: s.value, type: 'string' });
  return variables;
}

function flowNames(input: GenerateInput): string {
  const names = input.flows.map((f) => f.name);
  return names.length === 0 ? 'the recording' : `cassette${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}
