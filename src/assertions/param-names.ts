// Names for path parameters, taken from the segment before them: `/users/:userId`, `/orgs/:org`,
// and `/repos/:owner/:repo` for a pair of values after one collection name.
import { decodeSegment } from './url-parts.js';

/**
 * The name for a parameter that follows literal `previous` (undefined at the start of a path) and
 * is the `position`-th parameter (0-based) since that literal. `kind` says what its values looked
 * like: identifiers get `Id`, dates `Date`, other values the bare noun. Unique within `taken`.
 */
export function nameParameter(previous: string | undefined, position: number, kind: ParamKind, taken: ReadonlySet<string>): string {
  const noun = previous === undefined ? '' : camelCase(singular(decodeSegment(previous)));
  const base = noun === '' ? (kind === 'value' ? 'param' : 'id') : noun + (kind === 'id' ? 'Id' : kind === 'date' ? 'Date' : '');
  let name = position === 0 ? base : `${base}${position + 1}`;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

/** What a parameter's values looked like (see nameParameter). */
export type ParamKind = 'id' | 'date' | 'value';

/** The name the first of an owner/name pair gets (`/repos/:owner/:repo`). */
export const OWNER = 'owner';

/**
 * Names for two consecutive value parameters right after the plural collection name `noun`, the
 * way APIs that address a resource by its owner write them: `/repos/octocat/hello-world` gives
 * `owner` and `repo`. `first` is the name the first parameter got alone (the noun's singular when
 * nothing clashed); `taken` are the other parameter names of the path. Undefined when the rule
 * does not apply cleanly (not a plural noun, a renamed first parameter, a name already in use),
 * and the usual names stay.
 */
export function nameOwnerPair(noun: string, first: string, taken: ReadonlySet<string>): [owner: string, name: string] | undefined {
  if (!isPlural(noun)) return undefined;
  const name = camelCase(singular(decodeSegment(noun)));
  if (name === '' || name === OWNER || first !== name || taken.has(OWNER) || taken.has(name)) return undefined;
  return [OWNER, name];
}

/** English singular of a path noun (`categories` → `category`, `addresses` → `address`). */
export function singular(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length <= 3 || lower.endsWith('ss') || lower.endsWith('us') || lower.endsWith('is')) return word;
  if (lower.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|ss|z)es$/.test(lower) || lower.endsWith('uses')) return word.slice(0, -2);
  if (lower.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Whether a path noun reads as a plural collection name (`repos`, `users`, `categories`). */
export function isPlural(word: string): boolean {
  const lower = decodeSegment(word).toLowerCase();
  return /^[a-z][a-z_-]*s$/.test(lower) && singular(lower) !== lower;
}

/** `pull-requests` → `pullRequests`; characters Postman variables cannot hold are dropped. */
export function camelCase(text: string): string {
  const parts = text.split(/[^A-Za-z0-9]+/).filter((p) => p !== '');
  const joined = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `p${joined}` : joined;
}
