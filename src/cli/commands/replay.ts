// `apitape replay`: runs the collection with newman against an environment, compares, writes the report.
import { Option } from 'commander';
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface ReplayFlags {
  env: string;
  collection?: string;
  envVar?: string[];
  folder?: string[];
  bail?: boolean;
  timeoutRequest?: string;
  delayRequest?: string;
  insecure?: boolean;
  iterationData?: string;
  failOn?: string;
  out?: string;
  cassette?: string[];
  format?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const defineReplay: DefineCommand = (program, io, setCode) => {
  program
    .command('replay')
    .description('replay the collection with newman against an environment and report drift from the recording')
    .requiredOption('--env <name|path>', 'environment: a name in environments/ or a path to a Postman environment file')
    .option('--collection <file>', 'collection to run (default: the one in collections/)')
    .option('--env-var <key=value>', 'set or override a variable (repeatable; APITAPE_VAR_<key> works too)', collect)
    .option('--folder <name>', 'run only this folder (repeatable)', collect)
    .option('--bail', 'stop at the first failing test or request')
    .option('--timeout-request <ms>', 'time limit for each request in milliseconds')
    .option('--delay-request <ms>', 'pause between requests in milliseconds')
    .option('--insecure', 'do not verify TLS certificates')
    .option('--iteration-data <file>', 'CSV or JSON data file: one iteration per row')
    .addOption(new Option('--fail-on <level>', 'drift that makes the run fail (default: breaking)').choices(['breaking', 'any', 'none']))
    .option('--out <dir>', 'report folder (default: reports/<timestamp>/)')
    .option('--cassette <name...>', 'compare with these cassettes (default: every cassette in cassettes/)')
    .addOption(new Option('--format <format>', 'what to print at the end').choices(['terminal', 'md', 'json']).default('terminal'))
    .option('--json', 'print the drift report as JSON (same as --format json)')
    .action(async (flags: ReplayFlags) => setCode(await runReplay(flags, io)));
};

async function runReplay(flags: ReplayFlags, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const { loadConfig, redactionRules } = await import('../../config/load.js');
  const { loadReplayInputs } = await import('../../project/replay-inputs.js');
  const { parseMilliseconds } = await import('../../replay/options.js');
  const { runCollection } = await import('../../replay/run.js');
  const { loadRecording } = await import('../../project/recording.js');
  const { analyseRun } = await import('../../report/analyse.js');
  const { newReportDir, writeReportFiles } = await import('../../project/reports.js');
  const { reportFiles } = await import('../../report/folder.js');
  const { renderProgressLine } = await import('../../report/terminal.js');
  const { renderReport } = await import('../../report/render.js');
  const { useColor } = await import('../io.js');

  const timeoutRequest = parseMilliseconds(flags.timeoutRequest, '--timeout-request');
  const delayRequest = parseMilliseconds(flags.delayRequest, '--delay-request');
  const config = await loadConfig(io.cwd);
  const format = flags.json ? 'json' : ((flags.format ?? 'terminal') as 'terminal' | 'md' | 'json');
  const failOn = (flags.failOn ?? config.drift?.failOn ?? 'breaking') as 'breaking' | 'any' | 'none';
  const inputs = await loadReplayInputs(io.cwd, {
    env: flags.env,
    envVars: flags.envVar,
    processEnv: io.env,
    folder: flags.folder,
    ...(flags.collection === undefined ? {} : { collection: flags.collection }),
    ...(flags.iterationData === undefined ? {} : { iterationData: flags.iterationData }),
  });
  const recording = await loadRecording(io.cwd, flags.cassette, config.infer ?? {}, (m) => io.stderr.write(`apitape replay: ${m}\n`));
  const progress = format === 'terminal' ? io.stdout : io.stderr;
  const color = useColor(io);
  progress.write(`Replaying ${inputs.facts.name} (${inputs.facts.requests} requests) against ${inputs.environmentName}\n`);
  const run = await runCollection(inputs.collection, inputs.environment, {
    collectionFile: inputs.collectionFile,
    environmentName: inputs.environmentName,
    environmentFile: inputs.environmentFile,
    cassettes: recording.cassettes,
    iterationData: inputs.iterationData,
    folder: flags.folder,
    bail: flags.bail === true,
    timeoutRequest,
    delayRequest,
    insecure: flags.insecure === true,
    workingDir: io.cwd,
    signal: io.signal,
    secrets: inputs.secrets,
    redaction: redactionRules(config),
    onProgress: (request) => progress.write(renderProgressLine(request, { color })),
  });
  const report = analyseRun(run, recording.endpoints, { ...config.drift, failOn });
  const dir = flags.out ? path.resolve(io.cwd, flags.out) : await newReportDir(io.cwd, new Date());
  await writeReportFiles(dir, reportFiles(run, report));
  io.stdout.write(renderReport(report, format, { color }));
  io.stderr.write(`Report: ${path.relative(io.cwd, dir) || '.'}/ (drift.html, drift.md, drift.json, junit.xml, run.json)\n`);
  if (run.stoppedEarly === 'aborted') return 130;
  if (report.summary.verdict === 'unreachable') {
    io.stderr.write(`apitape replay: ${inputs.environmentName} is unreachable: ${report.summary.reasons.join('; ')}\n`);
    io.stderr.write(`  check baseUrl in ${inputs.environmentFile}, the network, or TLS (--insecure)\n`);
  }
  return report.summary.exitCode;
}
