// Names a person reads in Postman and in newman's output: "Create user", "Get user by id",
// "List orders for user", "Log in", derived from the method and the endpoint's path template.

/** Maps, not object literals: a path segment such as `constructor` must not find an inherited property. */
const ACTIONS = new Map<string, string>([
  ['login', 'Log in'],
  ['signin', 'Sign in'],
  ['logout', 'Log out'],
  ['signout', 'Sign out'],
  ['signup', 'Sign up'],
  ['register', 'Register'],
  ['token', 'Get token'],
  ['refresh', 'Refresh token'],
  ['me', 'Get current'],
]);
const IRREGULAR = new Map([['people', 'person'], ['children', 'child'], ['men', 'man'], ['women', 'woman']]);
const PREFIXES = /^(api|v\d+(\.\d+)*|rest)$/i;

/** A readable request name for `method` on a path template such as `/users/:userId/orders`. */
export function nameRequest(method: string, template: string): string {
  const segments = template.split('/').filter((s) => s !== '');
  while (segments.length > 1 && PREFIXES.test(segments[0]!)) segments.shift();
  const verb = method.toUpperCase();
  const last = segments[segments.length - 1];
  if (last === undefined) return capitalize(`${verb.toLowerCase()} root`);
  const nameText = isParam(last) ? nameItem(verb, segments) : nameCollection(verb, segments);
  return capitalize(nameText.replace(/\s+/g, ' ').trim());
}

function nameItem(verb: string, segments: string[]): string {
  let first = segments.length - 1;
  while (first > 0 && isParam(segments[first - 1]!)) first -= 1;
  const params = segments.slice(first).map(paramName);
  const thing = first > 0 ? singular(words(segments[first - 1]!)) : 'item';
  const by = params.map((p) => (/(^|[a-z])id$/i.test(p) ? 'id' : words(p))).join(' and ');
  switch (verb) {
    case 'GET':
      return `get ${thing} by ${by}`;
    case 'PUT':
      return `update ${thing}`;
    case 'PATCH':
      return `patch ${thing}`;
    case 'DELETE':
      return `delete ${thing}`;
    case 'HEAD':
      return `check ${thing}`;
    default:
      return `${verb.toLowerCase()} ${thing}`;
  }
}

function nameCollection(verb: string, segments: string[]): string {
  const last = segments[segments.length - 1]!;
  const key = last.toLowerCase().replace(/[-_]/g, '');
  const parent = parentOf(segments);
  if (key === 'me' && verb === 'GET') return `get current ${segments.length > 1 ? singular(words(segments[segments.length - 2]!)) : 'user'}`;
  const action = ACTIONS.get(key);
  if (action && key !== 'me' && verb === 'POST') return action;
  if (key === 'search') return `search ${segments.length > 1 ? words(segments[segments.length - 2]!) : ''}`;
  const text = last.includes('.') ? last : words(last);
  const plural = isPlural(text);
  switch (verb) {
    case 'GET':
      return plural ? `list ${text}${parent}` : `get ${text}${parent}`;
    case 'POST':
      return plural ? `create ${singular(text)}${parent}` : `post ${text}${parent}`;
    case 'PUT':
    case 'PATCH':
      return `update ${text}${parent}`;
    case 'DELETE':
      return `delete ${text}${parent}`;
    default:
      return `${verb.toLowerCase()} ${text}${parent}`;
  }
}

/** ` for user` when the collection hangs under an item (`/users/:userId/orders`). */
function parentOf(segments: string[]): string {
  const n = segments.length;
  if (n >= 3 && isParam(segments[n - 2]!) && !isParam(segments[n - 3]!)) return ` for ${singular(words(segments[n - 3]!))}`;
  return '';
}

function isParam(segment: string): boolean {
  return segment.startsWith(':') || (segment.startsWith('{') && segment.endsWith('}'));
}

function paramName(segment: string): string {
  return segment.replace(/^[:{]|}$/g, '');
}

/** `order-items` / `orderItems` / `order_items` → `order items`. */
export function words(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.+~]+/g, ' ')
    .toLowerCase()
    .trim();
}

function isPlural(text: string): boolean {
  const last = text.split(' ').pop() ?? '';
  if (IRREGULAR.has(last)) return true;
  return last.length > 2 && last.endsWith('s') && !/(ss|us|is)$/.test(last);
}

/** The singular of the last word: `users` → `user`, `categories` → `category`, `addresses` → `address`. */
export function singular(text: string): string {
  const parts = text.split(' ');
  const last = parts.pop() ?? '';
  let one = last;
  const irregular = IRREGULAR.get(last);
  if (irregular) one = irregular;
  else if (/ies$/.test(last) && last.length > 4) one = `${last.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh)es$/.test(last)) one = last.slice(0, -2);
  else if (/[^su]s$/.test(last) && last.length > 2) one = last.slice(0, -1);
  return [...parts, one].join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Appends ` (2)`, ` (3)`… to names already taken, so every request in the collection is told apart. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}
