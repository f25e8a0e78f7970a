// Checks that a parsed file is a Postman v2.x collection newman can run, with a precise message if not.
import { ApitapeError } from '../errors.js';

/** The few facts about a collection the replay needs before handing it to newman. */
export interface CollectionFacts {
  name: string;
  /** Requests in the collection (folders walked), before `--folder` narrows them. */
  requests: number;
  /** Top-level and nested folder names, for checking `--folder`. */
  folders: string[];
}

interface Node {
  name?: unknown;
  item?: unknown;
  request?: unknown;
}

/**
 * Validates the shape newman relies on (an `info` object, an `item` array of folders and requests,
 * each request with a URL) and returns its facts. Postman v1 collections and other JSON are
 * rejected with exit 2.
 */
export function checkCollection(value: unknown, file: string): CollectionFacts {
  const fail = (what: string, hint?: string): never => {
    throw new ApitapeError('COLLECTION_INVALID', `${file}: ${what}`, {
      hint: hint ?? 'expected a Postman Collection v2.1 ({"info": {"name", "schema"}, "item": [...]}), e.g. from `apitape generate`',
    });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected a JSON object');
  const root = value as { info?: { name?: unknown; schema?: unknown }; item?: unknown; requests?: unknown };
  if (Array.isArray(root.requests) && root.item === undefined) {
    return fail('this is a Postman v1 collection', 'export it again from Postman as Collection v2.1');
  }
  if (!root.info || typeof root.info !== 'object') return fail('missing "info"');
  const schema = root.info.schema;
  if (typeof schema === 'string' && !/\/v2\.[01]\.\d+\//.test(schema)) {
    fail(`"info.schema" is ${schema}; only Postman Collection v2.0 and v2.1 can be replayed`, 'export it again from Postman as Collection v2.1');
  }
  if (!Array.isArray(root.item)) return fail('expected an "item" array of requests and folders');
  const facts: CollectionFacts = { name: typeof root.info.name === 'string' ? root.info.name : 'collection', requests: 0, folders: [] };
  const visit = (items: unknown[], where: string): void => {
    items.forEach((entry, i) => {
      const node = entry as Node | null;
      const at = `${where}[${i}]`;
      if (node === null || typeof node !== 'object') return fail(`${at} is not an object`);
      if (Array.isArray(node.item)) {
        if (typeof node.name === 'string') facts.folders.push(node.name);
        return visit(node.item, `${at}.item`);
      }
      if (node.request === undefined) return fail(`${at} is neither a folder (with "item") nor a request (with "request")`);
      const request = node.request as { url?: unknown } | string;
      if (typeof request !== 'string' && (request === null || typeof request !== 'object' || request.url === undefined)) {
        return fail(`${at}.request has no "url"`);
      }
      facts.requests += 1;
    });
  };
  visit(root.item, 'item');
  return facts;
}
