// `apitape export --format postman|openapi|har`: a cassette in a format other tools read. Each
// format is one entry of EXPORT_FORMATS, loaded only when chosen.
import type { Exporter } from '../../export/types.js';
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface ExportFlags {
  format: string;
  cassette?: string;
  out?: string;
}

interface ExportFormat {
  /** File name suffix of the default output, `exports/<cassette>.<extension>`. */
  extension: string;
  /** Loads the exporter; absent while the format is only planned. */
  load?: () => Promise<Exporter>;
}

export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  har: { extension: 'har', load: async () => exportHar },
  postman: { extension: 'postman_collection.json', load: async () => (await import('../../export/postman.js')).exportPostman },
  openapi: { extension: 'openapi.json', load: async () => (await import('../../export/openapi.js')).exportOpenApi },
};

export const defineExport: DefineCommand = (program, io, setCode) => {
  program
    .command('export')
    .summary('export a cassette as a Postman collection with tests, OpenAPI 3.1 or HAR 1.2')
    .description('write a cassette, redacted, for other tools: a Postman collection with its tests and an environment template (monitors, plain newman), OpenAPI 3.1, or HAR 1.2')
    .requiredOption('-f, --format <format>', `output format: ${Object.keys(EXPORT_FORMATS).join(', ')}`)
    .option('-c, --cassette <name>', 'cassette to export (default: the only cassette in cassettes/)')
    .option('-o, --out <file>', 'file to write, "-" for stdout (default: exports/<cassette>.<format extension>)')
    .action(async (flags: ExportFlags) => {
      setCode(await runExport(flags, io));
    });
};

async function runExport(flags: ExportFlags, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const { ApitapeError } = await import('../../errors.js');
  const { cassettePath, listCassettes } = await import('../../cassette/store.js');
  const key = flags.format.toLowerCase();
  const format = Object.hasOwn(EXPORT_FORMATS, key) ? EXPORT_FORMATS[key] : undefined;
  if (!format) {
    throw new ApitapeError('EXPORT_FORMAT', `unknown export format "${flags.format}"`, { hint: `use --format ${Object.keys(EXPORT_FORMATS).join(' | ')}` });
  }
  if (!format.load) {
    throw new ApitapeError('EXPORT_FORMAT_UNAVAILABLE', `export --format ${flags.format} is not available yet`, {
      hint: `available now: ${Object.keys(EXPORT_FORMATS).filter((f) => EXPORT_FORMATS[f]!.load).join(', ')}; for a Postman collection run \`apitape generate\``,
    });
  }
  const cassette = flags.cassette ?? (await onlyCassette(await listCassettes(io.cwd)));
  const out = flags.out === '-' ? '-' : path.resolve(io.cwd, flags.out ?? path.join('exports', `${cassette}.${format.extension}`));
  if (flags.out === undefined) await (await import('node:fs/promises')).mkdir(path.dirname(out), { recursive: true });
  const exporter = await format.load();
  const count = await exporter({ cassette, cassetteFile: cassettePath(io.cwd, cassette), out, io });
  const message = `exported ${count} exchange${count === 1 ? '' : 's'} from cassette ${cassette} to ${out === '-' ? 'stdout' : path.relative(io.cwd, out)}\n`;
  (out === '-' ? io.stderr : io.stdout).write(message);
  return 0;
}

async function onlyCassette(names: string[]): Promise<string> {
  const { ApitapeError } = await import('../../errors.js');
  if (names.length === 1) return names[0]!;
  if (names.length === 0) {
    throw new ApitapeError('CASSETTE_NOT_FOUND', 'there are no cassettes in cassettes/ to export', {
      hint: 'record one with `apitape record`, or import a HAR with `apitape import file.har`',
    });
  }
  throw new ApitapeError('CASSETTE_AMBIGUOUS', `there are ${names.length} cassettes (${names.join(', ')}); which one?`, { hint: `add --cassette ${names[0]}` });
}

/**
 * HAR 1.2: streamed from the cassette, written to a temp file and renamed. Exchanges pass through
 * redaction again (idempotent), so a rule added to the config after recording still applies.
 */
const exportHar: Exporter = async ({ cassette, cassetteFile, out, io }) => {
  const { readCassette } = await import('../../cassette/store.js');
  const { redactExchange } = await import('../../cassette/redact.js');
  const { loadConfig, redactionRules } = await import('../../config/load.js');
  const { streamHar, writeHarFile } = await import('../../cassette/har-file.js');
  const { VERSION } = await import('../main.js');
  const rules = redactionRules(await loadConfig(io.cwd));
  const read = readCassette(cassetteFile, { onWarning: (m) => io.stderr.write(`apitape export: warning: ${m}\n`) });
  const exchanges = (async function* () {
    for await (const exchange of read) yield redactExchange(exchange, rules);
  })();
  const options = { creator: { name: 'apitape', version: VERSION }, comment: `exported by apitape from cassette ${cassette}` };
  return out === '-' ? streamHar(exchanges, io.stdout, options) : writeHarFile(out, exchanges, options);
};
