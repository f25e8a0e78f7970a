// `apitape accept`: folds a replay's responses into the cassettes and regenerates the collection.
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface AcceptFlags {
  run?: string;
  endpoint?: string[];
  generate: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const defineAccept: DefineCommand = (program, io, setCode) => {
  program
    .command('accept')
    .description('accept drift: append the replayed responses to the cassettes and regenerate schemas and tests')
    .option('--run <dir>', 'the replay folder (default: the newest under reports/)')
    .option('--endpoint <key>', 'accept this endpoint, e.g. "GET /users/:userId" (repeatable; default: every endpoint with drift)', collect)
    .option('--no-generate', 'only append to the cassettes; do not regenerate the collection')
    .action(async (flags: AcceptFlags) => setCode(await runAccept(flags, io)));
};

async function runAccept(flags: AcceptFlags, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const { loadConfig, redactionRules } = await import('../../config/load.js');
  const { latestRunDir, readRunResult } = await import('../../project/reports.js');
  const { loadRecording } = await import('../../project/recording.js');
  const { compareRunDetailed } = await import('../../report/compare.js');
  const { selectAccepted } = await import('../../replay/accept.js');
  const { appendAccepted, collectionFlows } = await import('../../project/accept.js');

  const config = await loadConfig(io.cwd);
  const dir = flags.run ? path.resolve(io.cwd, flags.run) : await latestRunDir(io.cwd);
  const run = await readRunResult(dir);
  const recording = await loadRecording(io.cwd, run.cassettes, config.infer ?? {});
  if (recording.cassettes.length === 0) {
    const { ApitapeError } = await import('../../errors.js');
    throw new ApitapeError('CASSETTE_NOT_FOUND', 'there is no cassette to fold the responses into', { hint: 'record one with `apitape record` first' });
  }
  const { drifts, matched } = compareRunDetailed(recording.endpoints, run, config.drift ?? {});
  const drifted = new Set(drifts.map((d) => d.endpoint));
  const label = path.relative(io.cwd, dir) || dir;
  const selected = selectAccepted(run, recording.endpoints, { endpoints: flags.endpoint ?? [], drifted, matched }, label);
  if (selected.size === 0) {
    io.stdout.write(`Nothing to accept: ${flags.endpoint?.length ? 'the run has no response for those endpoints' : 'the run shows no drift'}.\n`);
    return 0;
  }
  // Read before anything is written: a missing collection file stops accept with nothing appended.
  // With --no-generate the flows still decide where an endpoint's responses go (the cassettes a later
  // `generate` of this collection reads); an unreadable collection is then no error: name order decides.
  const flows = flags.generate ? await collectionFlows(io.cwd, run.collection) : await collectionFlows(io.cwd, run.collection).catch(() => []);
  // The collection's own flows come first, so accepted exchanges land where regenerating reads them.
  const homes = [...flows.filter((f) => recording.cassettes.includes(f)), ...recording.cassettes.filter((c) => !flows.includes(c))];
  const written = await appendAccepted(io.cwd, homes, recording.endpoints, selected, redactionRules(config));
  for (const [cassette, count] of written) io.stdout.write(`appended ${count} ${count === 1 ? 'exchange' : 'exchanges'} to cassettes/${cassette}.ndjson\n`);
  for (const key of [...selected.keys()].sort()) io.stdout.write(`  accepted ${key}\n`);
  if (flags.generate) {
    if (flows.length === 0) {
      io.stderr.write(`apitape accept: ${run.collection.file ?? run.collection.name} names no recorded flows (no apitape.requests variable); not regenerated, run \`apitape generate\` if it came from cassettes\n`);
    } else {
      const file = await regenerate(io.cwd, run.collection, flows, config);
      io.stdout.write(`regenerated ${path.relative(io.cwd, file) || file} from ${flows.join(', ')}\n`);
    }
  }
  return 0;
}

/**
 * Regenerates the replayed collection (in place, keeping its name) the way `apitape generate` did:
 * from the flows it was generated from (`cassettes`, named in its `apitape.requests` variable), not
 * every cassette of the run. Accepted exchanges feed inference, so schemas and tests learn the new
 * responses, but they are not added to the flows as extra requests. Returns the collection file written.
 */
async function regenerate(cwd: string, collection: { name: string; file?: string }, cassettes: string[], config: import('../../config/schema.js').ApitapeConfig): Promise<string> {
  const path = await import('node:path');
  const { generateFromCassettes, writeGenerated } = await import('../../project/generate.js');
  const { resolveTiming } = await import('../../config/timing.js');
  const { collectionPath } = await import('../../project/paths.js');

  const timing = resolveTiming(config);
  const result = await generateFromCassettes(cwd, { cassettes, name: collection.name, fallbackName: collection.name, infer: config.infer ?? {}, timing, onWarning: () => {} });
  const target = collection.file ? path.resolve(cwd, collection.file) : collectionPath(cwd, collection.name);
  await writeGenerated(cwd, result, target);
  return target;
}
