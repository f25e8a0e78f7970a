// `apitape diff`: reruns the drift comparison of a past replay from its run.json, without sending requests.
import { Option } from 'commander';
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface DiffFlags {
  run?: string;
  cassette?: string[];
  failOn?: string;
  format?: string;
  json?: boolean;
  write: boolean;
}

export const defineDiff: DefineCommand = (program, io, setCode) => {
  program
    .command('diff')
    .description('compare a past replay (reports/<run>/run.json) with the recording again, e.g. after changing ignore rules')
    .option('--run <dir>', 'the replay folder (default: the newest under reports/)')
    .option('--cassette <name...>', 'compare with these cassettes (default: those the replay used)')
    .addOption(new Option('--fail-on <level>', 'drift that makes the command fail (default: breaking)').choices(['breaking', 'any', 'none']))
    .addOption(new Option('--format <format>', 'what to print').choices(['terminal', 'md', 'json']).default('terminal'))
    .option('--json', 'print the drift report as JSON (same as --format json)')
    .option('--no-write', 'do not rewrite drift.md, drift.html and drift.json in the run folder')
    .action(async (flags: DiffFlags) => setCode(await runDiff(flags, io)));
};

async function runDiff(flags: DiffFlags, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const { loadConfig } = await import('../../config/load.js');
  const { latestRunDir, readRunResult, writeReportFiles } = await import('../../project/reports.js');
  const { loadRecording } = await import('../../project/recording.js');
  const { driftFiles } = await import('../../report/folder.js');
  const { analyseRun } = await import('../../report/analyse.js');
  const { renderReport } = await import('../../report/render.js');
  const { useColor } = await import('../io.js');

  const config = await loadConfig(io.cwd);
  const dir = flags.run ? path.resolve(io.cwd, flags.run) : await latestRunDir(io.cwd);
  const run = await readRunResult(dir);
  const names = flags.cassette?.length ? flags.cassette : run.cassettes;
  const recording = await loadRecording(io.cwd, names, config.infer ?? {}, (m) => io.stderr.write(`apitape diff: ${m}\n`));
  const failOn = (flags.failOn ?? config.drift?.failOn ?? 'breaking') as 'breaking' | 'any' | 'none';
  const report = analyseRun({ ...run, cassettes: recording.cassettes }, recording.endpoints, { ...config.drift, failOn });
  if (flags.write) await writeReportFiles(dir, driftFiles(report));
  const format = flags.json ? 'json' : ((flags.format ?? 'terminal') as 'terminal' | 'md' | 'json');
  io.stdout.write(renderReport(report, format, { color: useColor(io) }));
  if (flags.write) io.stderr.write(`Updated ${path.relative(io.cwd, dir) || '.'}/drift.{md,html,json}\n`);
  return report.summary.exitCode === 3 ? 1 : report.summary.exitCode;
}
