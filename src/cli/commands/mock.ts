// `apitape mock`: definition only; mockttp and the cassettes load inside the action.
import type { DefineCommand } from './define.js';

interface MockFlags {
  cassette?: string[];
  port: string;
  fallback?: string;
  record?: boolean;
  quiet?: boolean;
}

const MOCK_HELP = `
Requests are matched on method and path template, then the recorded sample that best matches the
path, query and body answers (repeated requests replay their recordings in order). Bodies are sent
as recorded, compressed again when they were compressed. A request no recording matches gets a 404
whose JSON body lists the closest recorded endpoints, or, with --fallback, is forwarded to that API
(and appended to the cassette with --record). The mock listens on 127.0.0.1 only. Ctrl-C stops it.`;

export const defineMock: DefineCommand = (program, io, setCode) => {
  program
    .command('mock')
    .description('serve recorded cassettes as a mock API, so front-ends and tests run without the backend')
    .option('-c, --cassette <name...>', 'cassettes to serve (default: every cassette in cassettes/)')
    .option('-p, --port <port>', 'port to listen on; 0 picks a free one', '4010')
    .option('--fallback <url>', 'forward requests no recording matches to this API (origin, optional path prefix)')
    .option('--record', 'append what the fallback answers to the (first) cassette')
    .option('-q, --quiet', 'do not print a line per request')
    .addHelpText('after', MOCK_HELP)
    .action(async (flags: MockFlags) => {
      const { parseFallback, parsePort } = await import('../../mock/options.js');
      const { loadConfig, redactionRules } = await import('../../config/load.js');
      const { serveMock } = await import('../../mock/serve.js');
      const port = parsePort(flags.port);
      const fallback = flags.fallback === undefined ? undefined : parseFallback(flags.fallback);
      const config = await loadConfig(io.cwd);
      const options = {
        cwd: io.cwd,
        cassettes: flags.cassette ?? [],
        port,
        ...(fallback ? { fallback } : {}),
        record: flags.record === true,
        quiet: flags.quiet === true,
        infer: config.infer ?? {},
        redaction: redactionRules(config),
      };
      setCode(await serveMock(options, io));
    });
};
