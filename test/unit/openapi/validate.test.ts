// The OpenAPI export of a real recorded flow, checked by the real validator and linter.
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { buildOpenApi } from '../../../src/openapi/build.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { recordSampleFlow } from '../../integration/mock/sample-flow.js';

const run = promisify(execFile);
const REDOCLY = path.resolve('node_modules/@redocly/cli/bin/cli.js');

/**
 * Rules of Redocly's `recommended` set that only a person can satisfy: a licence, tag descriptions,
 * and a 4XX response for operations where the recording never saw one (inventing one would
 * describe behaviour nobody observed).
 */
const HUMAN_ONLY_RULES = new Set(['info-license', 'tag-description', 'operation-4xx-response']);

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: Array<{ pointer: string }>;
}

async function lint(dir: string, doc: object): Promise<{ errors: number; problems: LintProblem[] }> {
  const file = path.join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  await fs.writeFile(file, JSON.stringify(doc, null, 2));
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' };
  const result = await run(process.execPath, [REDOCLY, 'lint', file, '--format=json'], { cwd: dir, env, maxBuffer: 20 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(result.stdout) as { totals: { errors: number }; problems: LintProblem[] };
  return { errors: report.totals.errors, problems: report.problems };
}

let dir: string;
let doc: Record<string, any>;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-openapi-'));
  const api = await startSampleApi({ seedUsers: 4 });
  try {
    const flow = await recordSampleFlow(dir, api.url);
    doc = buildOpenApi(inferEndpoints(flow.exchanges), flow.exchanges, { title: 'Sample API' }) as Record<string, any>;
  } finally {
    await api.close();
  }
  return () => fs.rm(dir, { recursive: true, force: true });
});

describe('OpenAPI export of a recorded flow', () => {
  it('validates with swagger-parser', async () => {
    const api = (await SwaggerParser.validate(structuredClone(doc) as never)) as Record<string, any>;
    expect(Object.keys(api.paths)).toEqual([
      '/auth/login',
      '/files/report.pdf',
      '/health',
      '/orders/{orderId}',
      '/users',
      '/users/{userId}',
      '/users/{userId}/orders',
    ]);
    expect(Object.keys(api.paths['/users/{userId}']).sort()).toEqual(['delete', 'get', 'patch']);
  });

  it('lints clean under Redocly recommended rules, apart from rules that need a person', async () => {
    const { errors, problems } = await lint(dir, doc);
    const unexpected = problems.filter((p) => !HUMAN_ONLY_RULES.has(p.ruleId));
    expect(unexpected.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(errors).toBe(0);
  });

  it('carries the recorded (redacted) samples as examples', () => {
    const login = doc.paths['/auth/login'].post;
    expect(login.requestBody.content['application/json'].example.password).toMatch(/^<redacted:password:[0-9a-f]{6}>$/);
    expect(login.responses['200'].content['application/json'].example.access_token).toMatch(/^<redacted:access_token:[0-9a-f]{6}>$/);
    const users = doc.paths['/users'].get.responses['200'].content['application/json'];
    expect(users.example.data.length).toBeGreaterThan(0);
    expect(users.schema.properties.data.items.properties.email.format).toBe('email');
  });

  it('is caught by the linter and the validator when broken (the checks can fail)', async () => {
    const broken = structuredClone(doc);
    broken.paths['/health'].get.operationId = broken.paths['/users'].get.operationId;
    const { problems } = await lint(dir, broken);
    expect(problems.map((p) => p.ruleId)).toContain('operation-operationId-unique');
    broken.paths['/health'].get.responses = { '200': { content: {} } }; // a response needs a description
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(/description/);
  });
});
