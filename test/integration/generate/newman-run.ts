// Test helper: runs a collection with newman as a library and returns what each assertion did.
import newman from 'newman';
import type { PostmanEnvironment } from '../../../src/collection/environment.js';
import type { CollectionV21 } from '../../../src/collection/types.js';

export interface NewmanOutcome {
  requests: number;
  /** `<request name> / <test name>` of every assertion, in run order. */
  assertions: Array<{ request: string; test: string; passed: boolean }>;
  /** Failures of any kind (assertions, script errors, request errors), as `<request>: <test or error>`. */
  failures: string[];
}

/** `values` override the environment's values by key (e.g. `baseUrl` pointing at the replay target). */
export function withValues(env: PostmanEnvironment, values: Record<string, string>): PostmanEnvironment {
  const known = new Set(env.values.map((v) => v.key));
  return {
    ...env,
    values: [
      ...env.values.map((v) => (values[v.key] === undefined ? v : { ...v, value: values[v.key]! })),
      ...Object.entries(values).filter(([k]) => !known.has(k)).map(([key, value]) => ({ key, value, type: 'default' as const, enabled: true })),
    ],
  };
}

export function runNewman(collection: CollectionV21, environment: PostmanEnvironment): Promise<NewmanOutcome> {
  return new Promise((resolve, reject) => {
    const assertions: NewmanOutcome['assertions'] = [];
    newman
      .run({ collection: collection as never, environment: environment as never, reporters: [], timeoutRequest: 10_000 }, (error, summary) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          requests: summary.run.stats.requests.total ?? 0,
          assertions,
          failures: summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error?.test ?? f.error?.message ?? f.error?.name}`),
        });
      })
      .on('assertion', (error, args) => {
        assertions.push({ request: args.item.name, test: args.assertion, passed: !error });
      });
  });
}
