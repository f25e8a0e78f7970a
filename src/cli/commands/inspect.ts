// `apitape inspect`: what a recording holds, as inferred endpoints (table, field evidence or JSON).
import type { DefineCommand } from './define.js';

interface InspectFlags {
  cassette?: string[];
  fields?: boolean;
  json?: boolean;
  skipCorrupt?: boolean;
}

export const defineInspect: DefineCommand = (program, io, setCode) => {
  program
    .command('inspect')
    .description('show the endpoints inferred from recorded cassettes (method, template, statuses, samples, p50)')
    .option('-c, --cassette <name...>', 'cassettes to read (default: every cassette in ./cassettes)')
    .option('--fields', 'show each response field with its evidence (types, format, presence, distinct values)')
    .option('--json', 'print the endpoint models as JSON')
    .option('--skip-corrupt', 'skip cassette lines that are not exchanges (each is named) instead of stopping at the first')
    .action(async (flags: InspectFlags) => {
      const { ApitapeError } = await import('../../errors.js');
      const { cassettePath, listCassettes, readCassette } = await import('../../cassette/store.js');
      const { inferEndpointsFromStream } = await import('../../assertions/infer.js');
      const { describeEndpoints } = await import('../../assertions/describe.js');
      const names = flags.cassette?.length ? flags.cassette : await listCassettes(io.cwd);
      if (names.length === 0) {
        throw new ApitapeError('CASSETTE_NOT_FOUND', `no cassettes in ${cassettePath(io.cwd, 'x').replace(/[/\\]x\.ndjson$/, '')}`, {
          hint: 'record one with `apitape record`, or name one with --cassette NAME',
        });
      }
      const files = names.map((name) => cassettePath(io.cwd, name));
      const endpoints = await inferEndpointsFromStream(async function* () {
        for (const file of files) yield* readCassette(file, { skipCorrupt: flags.skipCorrupt === true, onWarning: (m) => io.stderr.write(`apitape: warning: ${m}\n`) });
      });
      io.stdout.write(flags.json ? `${JSON.stringify({ cassettes: names, endpoints }, null, 2)}\n` : describeEndpoints(endpoints, { fields: flags.fields === true }));
      setCode(0);
    });
};
