// `apitape demo`: the whole loop on the embedded sample API, through the real commands:
// record (reverse mode, plus one HTTPS request in forward mode) → generate → replay against a
// drifted "prod" → check that the drift report found exactly the planted drift.
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli/io.js';
import { parseEnvironment, serializeEnvironment } from '../collection/environment.js';
import { ApitapeError } from '../errors.js';
import type { DriftReport } from '../report/types.js';
import { SAMPLE_CREDENTIALS, startSampleApi, type SampleApi } from '../sample-api/server.js';
import { checkPlanted, PLANTED } from './planted.js';

export interface DemoOptions {
  /** Folder everything is written to, relative to the working directory. */
  dir: string;
  /** Leave out the forward-mode HTTPS leg (no CA is created or used). */
  skipForward?: boolean;
}

const MARKER = '.apitape-demo';

/** Runs the demo; returns 0 when the loop ran and found exactly the planted drift. */
export async function runDemo(options: DemoOptions, io: CliIo): Promise<number> {
  const dir = path.resolve(io.cwd, options.dir);
  await prepareFolder(dir);
  const { main } = await import('../cli/main.js');
  const inDemo: CliIo = { ...io, cwd: dir };
  const step = (title: string) => io.stdout.write(`\n== ${title}\n`);
  const apis: SampleApi[] = [];
  try {
    const staging = await startSampleApi();
    apis.push(staging);
    const prod = await startSampleApi({ drift: true });
    apis.push(prod);
    io.stdout.write(`apitape demo: sample API "staging" at ${staging.url}, "prod" at ${prod.url}; writing to ${dir}\n`);

    step('1. record: the app runs under `apitape record --target <staging> -- node app.js`');
    await must(main(['record', '--target', staging.url, '--port', '0', '--cassette', 'staging', '--', process.execPath, demoApp()], inDemo), 'record (reverse mode)');
    if (!options.skipForward) await recordForward(dir, inDemo, step, apis);

    step('2. generate: a Postman collection with tests, from the staging recording');
    await must(main(['generate', '--cassette', 'staging', '--name', 'demo', '--env-name', 'staging'], inDemo), 'generate');
    await writeProdEnvironment(dir, prod.url);

    step('3. replay against prod: `apitape replay --env prod`');
    const replayCode = await main(
      ['replay', '--env', 'prod', '--env-var', `password=${SAMPLE_CREDENTIALS.password}`, '--collection', 'collections/demo.postman_collection.json', '--cassette', 'staging', '--out', 'reports/prod'],
      inDemo,
    );
    return await judge(dir, replayCode, io);
  } finally {
    await Promise.all(apis.map((api) => api.close()));
  }
}

async function recordForward(dir: string, io: CliIo, step: (t: string) => void, apis: SampleApi[]): Promise<void> {
  const { issueServerCertificate } = await import('../record/proxy.js');
  const { main } = await import('../cli/main.js');
  const tls = await issueServerCertificate('localhost');
  const payments = await startSampleApi({ tls: { cert: tls.cert, key: tls.key } });
  apis.push(payments);
  await fs.mkdir(path.join(dir, 'tls'), { recursive: true });
  await fs.writeFile(path.join(dir, 'tls', 'local-ca.pem'), tls.caCert);
  step(`1b. record in forward mode: HTTPS to ${payments.url} intercepted with the apitape CA`);
  const argv = ['record', '--port', '0', '--cassette', 'https-forward', '--upstream-ca', 'tls/local-ca.pem', '--', process.execPath, demoApp(), '--forward', payments.url];
  await must(main(argv, io), 'record (forward mode)');
}

/** prod's environment: staging's, pointed at prod (secrets stay blank; they come from --env-var). */
async function writeProdEnvironment(dir: string, prodUrl: string): Promise<void> {
  const stagingFile = path.join(dir, 'environments', 'staging.postman_environment.json');
  const staging = parseEnvironment(await fs.readFile(stagingFile, 'utf8'), stagingFile);
  const values = staging.values.map((v) => (v.key === 'baseUrl' ? { ...v, value: prodUrl } : v));
  await fs.writeFile(path.join(dir, 'environments', 'prod.postman_environment.json'), serializeEnvironment({ ...staging, name: 'prod', values }));
}

async function judge(dir: string, replayCode: number, io: CliIo): Promise<number> {
  const reportFile = path.join(dir, 'reports', 'prod', 'drift.json');
  const report = JSON.parse(await fs.readFile(reportFile, 'utf8').catch(() => 'null')) as DriftReport | null;
  if (!report) return fail(io, `replay wrote no drift report (exit ${replayCode})`);
  if (report.summary.exitCode === 3) return fail(io, 'replay could not reach prod');
  const check = checkPlanted(report.findings);
  const rel = (p: string) => path.relative(io.cwd, path.join(dir, p)) || '.';
  io.stdout.write(
    [
      '',
      '== 4. what the demo shows',
      `  collection    ${rel('collections/demo.postman_collection.json')}`,
      `  HTML report   ${rel('reports/prod/drift.html')}`,
      `  JUnit         ${rel('reports/prod/junit.xml')}`,
      `  Markdown      ${rel('reports/prod/drift.md')}`,
      '  planted in prod:',
      ...PLANTED.map((p) => `    ${check.missed.includes(p.says) ? 'MISSED' : 'found '} ${p.says}`),
      '',
    ].join('\n'),
  );
  if (!check.ok) {
    const extra = check.unexpected.map((d) => `${d.kind} ${d.pointer} on ${d.endpoint}`).join('; ');
    return fail(io, [check.missed.length ? `missed: ${check.missed.join('; ')}` : '', extra ? `unexpected findings: ${extra}` : ''].filter(Boolean).join('. '));
  }
  io.stdout.write(`apitape demo: the loop worked: replay exited ${replayCode} (tests failed on prod, as they should) and found exactly the planted drift.\n`);
  return 0;
}

function fail(io: CliIo, reason: string): number {
  io.stderr.write(`apitape demo: the loop did not give the expected result: ${reason}\n`);
  return 1;
}

async function must(code: Promise<number>, what: string): Promise<void> {
  const result = await code;
  if (result !== 0) throw new ApitapeError('DEMO_STEP', `the demo's ${what} step exited ${result}`, { exit: 3 });
}

/** Refuses to write into a folder the demo did not make; clears one it did. */
async function prepareFolder(dir: string): Promise<void> {
  const entries = await fs.readdir(dir).catch(() => undefined);
  if (entries && entries.length > 0) {
    if (!entries.includes(MARKER)) {
      throw new ApitapeError('DEMO_DIR', `${dir} exists and was not made by apitape demo; the demo never writes over your files`, {
        hint: 'pass --dir with a new folder, e.g. apitape demo --dir /tmp/apitape-demo',
      });
    }
    await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, MARKER), 'made by `apitape demo`; the next run replaces this folder\n');
}

/** The demo app script (the compiled one; runs from src/ use the build in dist/). */
function demoApp(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sibling = path.join(here, 'client-main.js');
  return existsSync(sibling) ? sibling : path.resolve(here, '..', '..', 'dist', 'demo', 'client-main.js');
}
