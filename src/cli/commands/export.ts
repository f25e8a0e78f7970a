// `apitape export --format postman|openapi|har`: a cassette in a format other tools read. Each
// format is one entry of EXPORT_FORMATS, its modules loaded only when chosen.
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface ExportFlags {
  format: string;
  cassette?: string;
  out?: string;
}

/** What an exporter gets: the cassette to read and where to write (`-` is stdout). */
interface ExportRequest {
  cassette: string;
  /** Absolute path of the cassette file. */
  cassetteFile: string;
  /** Absolute path of the output, or `-` for stdout. */
  out: string;
  io: CliIo;
}

/** Writes the export and returns how many exchanges (or requests) it holds. */
type Exporter = (request: ExportRequest) => Promise<number>;

interface ExportFormat {
  /** File name suffix of the default output, `exports/<cassette>.<extension>`. */
  extension: string;
  /** Loads the exporter; absent while the format is only planned. */
  load?: () => Promise<Exporter>;
}

export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  har: { extension: 'har', load: async () => exportHar },
  postman: { extension: 'postman_collection.json', load: async () => exportPostman },
  openapi: { extension: 'openapi.json', load: async () => exportOpenApi },
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

/**
 * Postman: the collection generated from the cassette, and `<out>.postman_environment.json`, the
 * default environment as a template with its secrets blank.
 */
const exportPostman: Exporter = async ({ cassette, out, io }) => {
  const path = await import('node:path');
  const { loadConfig } = await import('../../config/load.js');
  const { serializeCollection } = await import('../../collection/from-flows.js');
  const { environmentTemplatePath, renderEnvironmentTemplate } = await import('../../export/postman.js');
  const { resolveTiming } = await import('../../config/timing.js');
  const { writeFilesAtomically } = await import('../../project/atomic-write.js');
  const { generateFromCassettes } = await import('../../project/generate.js');
  const config = await loadConfig(io.cwd);
  const result = await generateFromCassettes(io.cwd, {
    cassettes: [cassette],
    fallbackName: cassette,
    ...(config.infer ? { infer: config.infer } : {}),
    timing: resolveTiming(config),
    onWarning: (m) => io.stderr.write(`apitape export: warning: ${m}\n`),
  });
  const collectionText = serializeCollection(result.collection);
  if (out === '-') {
    io.stdout.write(collectionText);
  } else {
    const envFile = environmentTemplatePath(out);
    await writeFilesAtomically([
      { path: out, text: collectionText },
      { path: envFile, text: renderEnvironmentTemplate(result, cassette) },
    ]);
    io.stderr.write(`environment template: ${path.relative(io.cwd, envFile)} (fill in the blank secrets, e.g. newman run … --env-var password=…)\n`);
  }
  return result.summary.requests;
};

/** OpenAPI 3.1 (JSON); its servers come from `environments/*.postman_environment.json`. */
const exportOpenApi: Exporter = async ({ cassette, cassetteFile, out, io }) => {
  const { readCassetteAll } = await import('../../cassette/store.js');
  const { loadConfig } = await import('../../config/load.js');
  const { renderOpenApiExport } = await import('../../export/openapi.js');
  const { writeFilesAtomically } = await import('../../project/atomic-write.js');
  const { readEnvironments } = await import('../../project/environments.js');
  const config = await loadConfig(io.cwd);
  const { header, exchanges } = await readCassetteAll(cassetteFile, { onWarning: (m) => io.stderr.write(`apitape export: warning: ${m}\n`) });
  const environments = await readEnvironments(io.cwd);
  const text = renderOpenApiExport({ title: cassette, exchanges, ...(header.target ? { target: header.target } : {}), environments, ...(config.infer ? { infer: config.infer } : {}) });
  if (out === '-') io.stdout.write(text);
  else await writeFilesAtomically([{ path: out, text }]);
  return exchanges.length;
};
