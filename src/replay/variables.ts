// Finds the `{{variables}}` a collection's requests use and which of them no source provides.
import { ApitapeError } from '../errors.js';
import type { NewmanEnvironment } from './newman.js';

const REFERENCE = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;
const LITERAL_SET = /\.(?:set|setEnvironmentVariable|setGlobalVariable)\(\s*(["'`])((?:(?!\1).)+)\1/g;
const DYNAMIC_SET = /\.(?:set|setEnvironmentVariable|setGlobalVariable)\(\s*(?!["'`])/;
const STRING_LITERAL = /(["'`])([A-Za-z_$][\w.$-]*)\1/g;

interface CollectionNode {
  item?: CollectionNode[];
  request?: unknown;
  auth?: unknown;
  event?: Array<{ script?: { exec?: string | string[] } }>;
  variable?: Array<{ key?: string; id?: string }>;
}

/** Names referenced as `{{name}}` in request URLs, headers, bodies and auth (dynamic `$…` ones excluded), sorted. */
export function referencedVariables(collection: object): string[] {
  const names = new Set<string>();
  const visit = (node: CollectionNode): void => {
    for (const part of [node.request, node.auth]) {
      if (part === undefined) continue;
      for (const m of JSON.stringify(part).matchAll(REFERENCE)) if (!m[1]!.startsWith('$')) names.add(m[1]!);
    }
    node.item?.forEach(visit);
  };
  visit(collection as CollectionNode);
  return [...names].sort();
}

/**
 * Names the collection provides itself: its declared variables, and names its scripts set. A script
 * that sets a computed name (`pm.collectionVariables.set(name, …)`) may set any string it holds.
 */
export function collectionProvidedVariables(collection: object): Set<string> {
  const names = new Set<string>();
  const root = collection as CollectionNode;
  for (const v of root.variable ?? []) if (v.key ?? v.id) names.add((v.key ?? v.id)!);
  const visit = (node: CollectionNode): void => {
    for (const event of node.event ?? []) {
      const exec = event.script?.exec;
      const code = Array.isArray(exec) ? exec.join('\n') : (exec ?? '');
      for (const m of code.matchAll(LITERAL_SET)) names.add(m[2]!);
      if (DYNAMIC_SET.test(code)) for (const m of code.matchAll(STRING_LITERAL)) names.add(m[2]!);
    }
    node.item?.forEach(visit);
  };
  visit(root);
  return names;
}

/** Column names of iteration data: keys of a JSON array of objects, or a CSV header line. */
export function iterationDataVariables(text: string): string[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const rows = JSON.parse(trimmed) as unknown[];
      return [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
    } catch {
      return [];
    }
  }
  const header = trimmed.split(/\r?\n/, 1)[0] ?? '';
  return header.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
}

/**
 * Throws `ENV_VARIABLE_MISSING` (exit 2) naming every variable the requests use that neither the
 * collection, the environment (a non-empty enabled value), nor `extra` (overrides, iteration data)
 * provides: a replay that would send `{{apiKey}}` literally stops before its first request.
 */
export function checkVariables(collection: object, env: NewmanEnvironment, extra: Iterable<string>, envLabel: string): void {
  const provided = collectionProvidedVariables(collection);
  for (const v of env.values) if (v.enabled !== false && v.value !== '') provided.add(v.key);
  for (const name of extra) provided.add(name);
  const missing = referencedVariables(collection).filter((name) => !provided.has(name));
  if (missing.length === 0) return;
  const first = missing[0]!;
  throw new ApitapeError(
    'ENV_VARIABLE_MISSING',
    `the collection needs ${missing.length === 1 ? 'variable' : 'variables'} ${missing.map((n) => `"${n}"`).join(', ')}, ` +
      `which ${envLabel} leaves empty and no override provides; no request was sent`,
    { hint: `set a value in the environment file, pass --env-var ${first}=…, or export APITAPE_VAR_${first}=…` },
  );
}
