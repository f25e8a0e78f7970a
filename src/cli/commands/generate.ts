// `apitape generate`: cassettes → collections/<name>.postman_collection.json + its environments
// (the default one, and one per recording target when the cassettes were recorded against several).
import { InvalidArgumentError, type Command } from 'commander';
import type { TargetEnvironment } from '../../collection/target-environments.js';
import type { GenerateSummary } from '../../collection/types.js';
import type { WrittenEnvironment } from '../../project/generate.js';
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface GenerateFlags {
  cassette?: string[];
  out?: string;
  name?: string;
  envName?: string;
  timing: boolean;
  timingFloor?: number;
  timingFactor?: number;
  strict?: boolean;
  json?: boolean;
}

export const defineGenerate: DefineCommand = (program, io, setCode) => {
  program
    .command('generate')
    .description('turn recorded cassettes into a Postman collection that tests the API, and its environments')
    .option('-c, --cassette <name...>', 'cassettes to use, in replay order (default: every cassette in cassettes/)')
    .option('-o, --out <file>', 'where to write the collection (default: collections/<name>.postman_collection.json)')
    .option('-n, --name <name>', 'collection name (default: the cassette names sorted and joined with "+", or "collection" past 100 characters)')
    .option('--env-name <name>', 'environment name (default: from the recorded host, e.g. staging or local)')
    .option('--no-timing', 'leave out the response-time tests')
    .option('--timing-floor <ms>', 'smallest response-time budget in ms (default 2000)', positive)
    .option('--timing-factor <n>', 'response-time budget as a multiple of the recorded p95 (default 5)', positive)
    .option('--strict', 'schemas reject fields that were never recorded (additionalProperties: false)')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: GenerateFlags, command: Command) => {
      const timingFromCli = command.getOptionValueSource('timing') === 'cli';
      setCode(await runGenerate(flags, timingFromCli, io));
    });
};

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

async function runGenerate(flags: GenerateFlags, timingFromCli: boolean, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const { loadConfig } = await import('../../config/load.js');
  const { generateFromCassettes, writeGenerated } = await import('../../project/generate.js');
  const { resolveTiming } = await import('../../config/timing.js');
  const { collectionPath } = await import('../../project/paths.js');
  const { listCassettes } = await import('../../cassette/store.js');
  const { nameFromCassettes } = await import('../../docs/from-flows.js');

  const config = await loadConfig(io.cwd);
  const timing = resolveTiming(config, {
    ...(timingFromCli ? { timing: flags.timing } : {}),
    ...(flags.timingFloor !== undefined ? { floorMs: flags.timingFloor } : {}),
    ...(flags.timingFactor !== undefined ? { factor: flags.timingFactor } : {}),
  });
  const result = await generateFromCassettes(io.cwd, {
    ...(flags.cassette ? { cassettes: flags.cassette } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    fallbackName: nameFromCassettes(flags.cassette?.length ? flags.cassette : await listCassettes(io.cwd)),
    infer: { ...config.infer, ...(flags.strict ? { strict: true } : {}) },
    timing,
    ...(flags.envName ? { envName: flags.envName } : {}),
    onWarning: (warning) => io.stderr.write(`apitape generate: ${warning}\n`),
  });
  const collectionFile = flags.out ? path.resolve(io.cwd, flags.out) : collectionPath(io.cwd, result.name);
  const { environment: envFile, keptValues, environments } = await writeGenerated(io.cwd, result, collectionFile);
  const written = { collection: collectionFile, environment: envFile, keptValues };
  const listed = listEnvironments(environments, result.targets);
  io.stdout.write(
    flags.json
      ? `${JSON.stringify({ ...written, environments: listed, ...result.summary }, null, 2)}\n`
      : describeRun(written, listed.filter(isPerTarget), result.summary, io.cwd, path),
  );
  return 0;
}

interface ListedEnvironment extends WrittenEnvironment {
  /** Per-target environments only: the origin every recorded target's variable points at, and its cassettes. */
  target?: string;
  cassettes?: string[];
}

function isPerTarget(e: ListedEnvironment): e is Required<ListedEnvironment> {
  return e.target !== undefined && e.cassettes !== undefined;
}

/** The written environments, each per-target one with its target (matched by name). */
function listEnvironments(environments: WrittenEnvironment[], targets: TargetEnvironment[]): ListedEnvironment[] {
  return environments.map((e) => {
    const t = targets.find((candidate) => candidate.environment.name === e.name);
    return t ? { ...e, target: t.target, cassettes: t.cassettes } : e;
  });
}

function describeRun(
  written: { collection: string; environment: string; keptValues: boolean },
  perTarget: Array<Required<ListedEnvironment>>,
  summary: GenerateSummary,
  cwd: string,
  path: typeof import('node:path'),
): string {
  const rel = (p: string): string => path.relative(cwd, p) || p;
  const lines = [
    `wrote ${rel(written.collection)}: ${summary.requests} requests in ${summary.folders} folders, ${summary.tests} tests` +
      (summary.collapsed > 0 ? ` (${summary.collapsed} repeated reads collapsed)` : ''),
    `wrote ${rel(written.environment)}${written.keptValues ? ' (kept its existing values)' : ''}`,
  ];
  for (const e of perTarget) {
    lines.push(
      `wrote ${rel(e.path)}: the API at ${e.target} (target of cassette${e.cassettes.length > 1 ? 's' : ''} ${e.cassettes.join(', ')})` +
        (e.keptValues ? ', kept its existing values' : ''),
    );
  }
  if (perTarget.length > 0) lines.push(`replay against one target with ${perTarget.map((e) => `--env ${e.name}`).join(' or ')}`);
  if (summary.chained.length > 0) lines.push(`chained from earlier responses: ${summary.chained.join(', ')}`);
  if (summary.secrets.length > 0) lines.push(`fill in before replay (redacted when recorded): ${summary.secrets.join(', ')}`);
  if (summary.skipped > 0) lines.push(`skipped ${summary.skipped} exchanges (transport failures)`);
  return `${lines.join('\n')}\n`;
}
