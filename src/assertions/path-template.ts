// Decides the path templates of one origin from its trie: which positions are parameters, merging
// the subtrees (and endpoint accumulators) of the segments a parameter stands for.
//
// Rules, per position:
// - identifier-shaped segments (and a "wide" position) always form the parameter;
// - value-like segments (slugs with digits, file names) join it, or form it once two differ here;
// - words join only where structure shows they vary: after a parameter or a plural collection
//   name (`/repos/:owner`), sharing a deeper literal with a sibling (`…/octocat/hello-world/issues`
//   and `…/nodejs/node/issues`), never beside identifiers (`/users/me` stays literal beside
//   `/users/:userId`), never a collection name itself (a word with identifiers below it) nor a
//   fixed word or version.
import { createExamples, listExamples, mergeExamples, addExample, type ExampleSet } from './examples.js';
import { createPathNode, mergePathNodes, type PathNode } from './path-trie.js';
import { isPlural, nameOwnerPair, nameParameter, type ParamKind } from './param-names.js';
import { classifySegment, FIXED_WORDS, isDateSegment } from './segment-shape.js';
import { decodeSegment } from './url-parts.js';

/** One position of a resolved template. */
export type TemplateToken = { literal: string } | { param: string; examples: string[] };

export interface ResolvedPath {
  /** `/users/:userId/orders`. */
  template: string;
  tokens: TemplateToken[];
  /** The merged node whose `endpoints` hold every exchange of this template. */
  node: PathNode;
}

/** Every template with at least one endpoint under `root`, in depth-first order. */
export function resolveTemplates(root: PathNode): ResolvedPath[] {
  const out: ResolvedPath[] = [];
  walk(root, [], out);
  return out;
}

function walk(node: PathNode, tokens: TemplateToken[], out: ResolvedPath[]): void {
  if (node.endpoints.size > 0) out.push({ template: renderTemplate(tokens), tokens, node });
  const { literals, param } = groupChildren(node, tokens);
  for (const segment of [...literals.keys()].sort()) walk(literals.get(segment) as PathNode, [...tokens, { literal: segment }], out);
  if (param) {
    const examples = listExamples(param.examples);
    const kind = paramKind(examples);
    const pair = kind === 'value' ? ownerPair(tokens) : undefined;
    const next = pair ? [...pair.tokens, { param: pair.name, examples }] : [...tokens, { param: paramName(tokens, kind), examples }];
    walk(param.node, next, out);
  }
}

/**
 * `/repos/:owner/:repo`: when `tokens` end with a plural noun and one value parameter, a second
 * value parameter makes the pair an owner and a name. Returns the tokens with the first parameter
 * renamed and the second one's name, or undefined (see nameOwnerPair). Only this path's templates
 * change: `/repos/:repo` alone, if recorded, keeps its name.
 */
function ownerPair(tokens: readonly TemplateToken[]): { tokens: TemplateToken[]; name: string } | undefined {
  const first = tokens[tokens.length - 1];
  const noun = tokens[tokens.length - 2];
  if (first === undefined || noun === undefined || !('param' in first) || 'param' in noun) return undefined;
  if (paramKind(first.examples) !== 'value') return undefined;
  const taken = new Set<string>();
  for (const token of tokens) if ('param' in token && token !== first) taken.add(token.param);
  const names = nameOwnerPair(noun.literal, first.param, taken);
  if (!names) return undefined;
  return { tokens: [...tokens.slice(0, -1), { param: names[0], examples: first.examples }], name: names[1] };
}

/** `/` for no tokens, else `/a/:b/c`. */
export function renderTemplate(tokens: readonly TemplateToken[]): string {
  return `/${tokens.map((t) => ('literal' in t ? t.literal : `:${t.param}`)).join('/')}`;
}

interface Grouping {
  literals: Map<string, PathNode>;
  param: { node: PathNode; examples: ExampleSet } | undefined;
}

function groupChildren(node: PathNode, tokens: readonly TemplateToken[]): Grouping {
  const literals = new Map<string, PathNode>();
  const joining: Array<[string, PathNode]> = [];
  const values: Array<[string, PathNode]> = [];
  const words: Array<[string, PathNode]> = [];
  for (const [segment, child] of node.children) {
    const shape = classifySegment(segment);
    if (shape === 'value') values.push([segment, child]);
    else if (shape === 'word' && !FIXED_WORDS.has(segment.toLowerCase()) && child.ids === undefined) words.push([segment, child]);
    else literals.set(segment, child);
  }
  const hasParam = node.ids !== undefined || node.wide !== undefined;
  if (values.length >= 2 || (hasParam && values.length > 0)) joining.push(...values);
  else for (const [segment, child] of values) literals.set(segment, child);
  const varying = node.ids === undefined && wordsMayVary(tokens) ? sharingWords(words, joining, node.wide) : new Set<string>();
  for (const [segment, child] of words) {
    if (varying.has(segment)) joining.push([segment, child]);
    else literals.set(segment, child);
  }
  if (!hasParam && joining.length === 0) return { literals, param: undefined };
  return { literals, param: mergeParam(node, joining) };
}

/**
 * The parameter position standing for the ids, the wide child and `joining`. A single source is
 * used as it is (the trie is only read from here on); several are merged into a new node.
 */
function mergeParam(node: PathNode, joining: ReadonlyArray<[string, PathNode]>): { node: PathNode; examples: ExampleSet } {
  const examples = createExamples();
  mergeExamples(examples, node.idExamples);
  mergeExamples(examples, node.wideExamples);
  for (const [segment, child] of joining) addExample(examples, segment, child.firstSeen);
  const sources = [node.ids, node.wide, ...joining.map(([, child]) => child)].filter((part): part is PathNode => part !== undefined);
  if (sources.length === 1) return { node: sources[0] as PathNode, examples };
  const merged = createPathNode(Number.MAX_SAFE_INTEGER);
  for (const part of sources) mergePathNodes(merged, part);
  return { node: merged, examples };
}

/** Words can be parameters only after a parameter or after a plural collection name. */
function wordsMayVary(tokens: readonly TemplateToken[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  return 'param' in last || isPlural(last.literal);
}

/** The words that share a deeper literal with another word or with the value-like siblings. */
function sharingWords(words: ReadonlyArray<[string, PathNode]>, values: ReadonlyArray<[string, PathNode]>, wide: PathNode | undefined): Set<string> {
  const out = new Set<string>();
  if (words.length === 0) return out;
  const signatures = words.map(([, child]) => signature(child));
  const others = new Set<string>();
  for (const [, child] of values) for (const s of signature(child)) others.add(s);
  if (wide) for (const s of signature(wide)) others.add(s);
  const counts = new Map<string, number>();
  for (const sig of signatures) for (const s of sig) counts.set(s, (counts.get(s) ?? 0) + 1);
  words.forEach(([segment], i) => {
    for (const s of signatures[i] as Set<string>) {
      if ((counts.get(s) ?? 0) > 1 || others.has(s)) {
        out.add(segment);
        return;
      }
    }
  });
  return out;
}

const SIGNATURE_DEPTH = 3;
const SIGNATURE_CAP = 256;

/**
 * The continuations below `node` (up to SIGNATURE_DEPTH segments), each written twice: as is, and
 * with its first segment wildcarded. Only continuations naming a non-fixed word are kept: sharing
 * one is the evidence that two siblings are values of the same position.
 */
function signature(node: PathNode): Set<string> {
  const out = new Set<string>();
  const visit = (current: PathNode, path: string[], anyWord: boolean, wordAfterFirst: boolean): void => {
    if (out.size >= SIGNATURE_CAP || path.length >= SIGNATURE_DEPTH) return;
    for (const [token, child, word] of continuations(current)) {
      const full = [...path, token];
      const any = anyWord || word;
      const after = wordAfterFirst || (word && path.length > 0);
      if (any) out.add(full.join('/'));
      if (after) out.add(['*', ...full.slice(1)].join('/'));
      visit(child, full, any, after);
    }
  };
  visit(node, [], false, false);
  return out;
}

/** The children of `node` as signature tokens: words lower-cased, `~` values, `:` ids, `*` wide. */
function continuations(node: PathNode): Array<[token: string, child: PathNode, word: boolean]> {
  const next: Array<[string, PathNode, boolean]> = [];
  for (const [segment, child] of node.children) {
    const shape = classifySegment(segment);
    const word = shape === 'word' && !FIXED_WORDS.has(segment.toLowerCase());
    next.push([shape === 'value' ? '~' : decodeSegment(segment).toLowerCase(), child, word]);
  }
  if (node.ids) next.push([':', node.ids, false]);
  if (node.wide) next.push(['*', node.wide, false]);
  return next;
}

/** The parameter's name, from the literal before it and what its examples looked like. */
function paramName(tokens: readonly TemplateToken[], kind: ParamKind): string {
  let previous: string | undefined;
  let position = 0;
  const taken = new Set<string>();
  for (const token of tokens) if ('param' in token) taken.add(token.param);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as TemplateToken;
    if ('param' in token) position += 1;
    else if (classifySegment(token.literal) !== 'version') {
      previous = token.literal;
      break;
    }
  }
  return nameParameter(previous, position, kind, taken);
}

/** Dates when every example is an ISO date, identifiers when every one is identifier-shaped, else values. */
function paramKind(examples: readonly string[]): ParamKind {
  const values = examples.map(decodeSegment);
  return values.length > 0 && values.every(isDateSegment) ? 'date' : values.every((v) => classifySegment(v) === 'id') ? 'id' : 'value';
}
