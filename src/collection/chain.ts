// Chaining: values the API returned and the client sent back later (an id from `POST /users` in
// `GET /users/42`, a login token in `Authorization`) become variables that a test script on the
// earlier response sets; redacted values nobody returned become environment secrets.
import { singular } from './names.js';
import type { Step } from './steps.js';
import {
  producedValues,
  sentSecrets,
  sentValues,
  splitUrl,
  safeDecode,
  type Identity,
  type Produced,
  type SentLocation,
  type ValueSource,
} from './values.js';

/** A variable set by a test script on the response of step `producer`. */
export interface ChainVariable {
  name: string;
  producer: number;
  source: ValueSource;
  recorded: string;
  secret: boolean;
}

/** A redacted value that no recorded response produced: the environment must supply it. */
export interface SecretVariable {
  name: string;
  rule: string;
}

export interface ChainPlan {
  /** By identity; a step after the producer sends `{{name}}` instead of the recorded value. */
  chained: Map<Identity, ChainVariable>;
  /** Per producing step, the variables its test script sets. */
  captures: Map<number, ChainVariable[]>;
  secrets: Map<Identity, SecretVariable>;
  /** Path parameters no response produced: collection variables defaulting to the recorded value. */
  pathDefaults: Map<string, { name: string; value: string }>;
}

interface Consumption {
  step: number;
  location: SentLocation | { kind: 'secret'; where: 'url' | 'header' | 'body' };
  /** The template parameter name when the value was sent as a path parameter. */
  param?: string;
}

/** Request headers that carry credentials: a value returned earlier and sent in one is a token. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|auth|token|api[-_]?key|session/i;

/** What the recording shows about values travelling between steps (before naming). */
export interface ChainAnalysis {
  produced: Map<Identity, { step: number; value: Produced }>;
  consumed: Map<Identity, Consumption[]>;
  /** Identities the client sent before any response held them (its own data, never chained). */
  clientSent: Set<Identity>;
  /** In first-sent order: redacted values sent but never produced. */
  clientSecrets: Map<Identity, string>;
}

/** Follows every value through `steps` (in replay order). Pure. */
export function analyzeChains(steps: Step[]): ChainAnalysis {
  const produced = new Map<Identity, { step: number; value: Produced }>();
  const consumed = new Map<Identity, Consumption[]>();
  const clientSent = new Set<Identity>();
  const clientSecrets = new Map<Identity, string>();
  steps.forEach((step, index) => {
    const params = templateParams(step);
    const sent: Array<{ identity: Identity; consumption: Consumption }> = [
      ...sentValues(step.exchange).map((s) => ({
        identity: s.identity,
        consumption: { step: index, location: s.location, param: s.location.kind === 'path' ? params[s.location.index] : undefined },
      })),
      ...sentSecrets(step.exchange).map((s) => {
        if (!produced.has(s.identity) && !clientSecrets.has(s.identity)) clientSecrets.set(s.identity, s.rule);
        return { identity: s.identity, consumption: { step: index, location: { kind: 'secret' as const, where: s.where } } };
      }),
    ];
    for (const { identity, consumption } of sent) {
      if (!produced.has(identity)) clientSent.add(identity);
      else if (consumed.has(identity)) consumed.get(identity)!.push(consumption);
      else consumed.set(identity, [consumption]);
    }
    for (const value of producedValues(step.exchange)) {
      if (!produced.has(value.identity) && !clientSent.has(value.identity)) produced.set(value.identity, { step: index, value });
    }
  });
  return { produced, consumed, clientSent, clientSecrets };
}

/**
 * Steps whose response produced a credential (a redacted value later sent in a request header):
 * logins. Replay moves them to the front when that cannot break anything (see generate.ts).
 */
export function findLoginSteps(analysis: ChainAnalysis): Set<number> {
  const logins = new Set<number>();
  for (const [identity, uses] of analysis.consumed) {
    const producer = analysis.produced.get(identity);
    if (!producer) continue;
    const credential = uses.some((u) =>
      u.location.kind === 'header'
        ? producer.value.secret || CREDENTIAL_HEADER.test(u.location.name)
        : u.location.kind === 'secret' && u.location.where === 'header',
    );
    if (credential) logins.add(producer.step);
  }
  return logins;
}

/** Names every variable (chained, secret, path default), avoiding `reserved` names. Pure. */
export function planChains(steps: Step[], analysis: ChainAnalysis, reserved: Iterable<string>): ChainPlan {
  const used = new Set(reserved);
  const take = (base: string): string => uniqueVariable(base, used);
  const chained = new Map<Identity, ChainVariable>();
  const captures = new Map<number, ChainVariable[]>();
  const byProducer = [...analysis.consumed.keys()]
    .map((identity) => ({ identity, producer: analysis.produced.get(identity)! }))
    .sort((a, b) => a.producer.step - b.producer.step);
  for (const { identity, producer } of byProducer) {
    const uses = analysis.consumed.get(identity)!;
    const base = uses.find((u) => u.param)?.param ?? nameFromProducer(producer.value, steps[producer.step]!);
    const variable: ChainVariable = {
      name: take(base),
      producer: producer.step,
      source: producer.value.source,
      recorded: producer.value.recorded,
      secret: producer.value.secret,
    };
    chained.set(identity, variable);
    if (captures.has(producer.step)) captures.get(producer.step)!.push(variable);
    else captures.set(producer.step, [variable]);
  }
  const secrets = new Map<Identity, SecretVariable>();
  for (const [identity, rule] of analysis.clientSecrets) {
    if (!chained.has(identity)) secrets.set(identity, { name: take(camelCase(rule.replace(/^x-/, ''))), rule });
  }
  return { chained, captures, secrets, pathDefaults: namePathDefaults(steps, chained, take) };
}

function namePathDefaults(
  steps: Step[],
  chained: Map<Identity, ChainVariable>,
  take: (base: string) => string,
): Map<string, { name: string; value: string }> {
  const defaults = new Map<string, { name: string; value: string }>();
  for (const step of steps) {
    const params = templateParams(step);
    splitUrl(step.exchange.request.url).pathSegments.forEach((raw, index) => {
      const param = params[index];
      const value = safeDecode(raw);
      if (!param || chained.has(`v:${value}`)) return;
      const key = pathDefaultKey(param, value);
      if (!defaults.has(key)) defaults.set(key, { name: take(param), value });
    });
  }
  return defaults;
}

/** The key of `ChainPlan.pathDefaults` for a parameter and the value it was recorded with. */
export function pathDefaultKey(param: string, value: string): string {
  return JSON.stringify([param, value]);
}

/** Template parameter names by path segment index (`/users/:userId` → [undefined, 'userId']). */
export function templateParams(step: Step): Array<string | undefined> {
  const template = step.endpoint.template.split('/').slice(1);
  const actual = splitUrl(step.exchange.request.url).pathSegments;
  if (template.length !== actual.length) return [];
  return template.map((segment) => (segment.startsWith(':') && segment.length > 1 ? segment.slice(1) : undefined));
}

/** `id` of `POST /users` → `userId`; `access_token` → `accessToken`; a Location id → `<resource>Id`. */
function nameFromProducer(value: Produced, step: Step): string {
  if (value.source.kind === 'location') {
    const segments = locationSegments(step, value.source.header);
    const resource = segments[value.source.segment - 1];
    return resource ? `${camelCase(singular(resource))}Id` : 'location';
  }
  if (/^_?id$/i.test(value.key)) {
    const literals = step.endpoint.template.split('/').filter((s) => s !== '' && !s.startsWith(':'));
    const resource = literals[literals.length - 1];
    return resource ? `${camelCase(singular(resource.replace(/[-_]/g, ' ')))}Id` : 'id';
  }
  return camelCase(value.key);
}

function locationSegments(step: Step, header: string): string[] {
  const value = step.exchange.response?.headers.find(([name]) => name === header)?.[1] ?? '';
  return (value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '').split(/[?#]/)[0] ?? '').split('/');
}

/** `access_token` / `x-api-key` / `order items` → `accessToken` / `xApiKey` / `orderItems`. */
export function camelCase(text: string): string {
  const parts = text.split(/[^A-Za-z0-9]+/).filter((p) => p !== '');
  return parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

function uniqueVariable(base: string, used: Set<string>): string {
  let clean = base.replace(/[^A-Za-z0-9_]/g, '');
  if (!/^[A-Za-z_]/.test(clean)) clean = `v${clean}`;
  if (clean.length > 64) clean = clean.slice(0, 64);
  let name = clean;
  for (let n = 2; used.has(name); n += 1) name = `${clean}_${n}`;
  used.add(name);
  return name;
}
