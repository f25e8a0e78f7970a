// `apitape import file.har`: browser and proxy-tool HAR exports → a redacted cassette.
import { Option } from 'commander';
import type { ImportedExchange, SkippedEntry } from '../../cassette/har-import.js';
import type { ApitapeConfig } from '../../config/schema.js';
import type { ExchangeFilter, FilterOptions } from '../../record/filter.js';
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

type RecordConfig = NonNullable<ApitapeConfig['record']>;

interface ImportFlags {
  cassette?: string;
  overwrite?: boolean;
  append?: boolean;
  all?: boolean;
  json?: boolean;
}

export const defineImport: DefineCommand = (program, io, setCode) => {
  program
    .command('import')
    .description('import a HAR file (browsers, Charles, Fiddler, HTTP Toolkit, Insomnia) into a cassette, redacted as when recording')
    .argument('<file>', 'the .har file')
    .option('-c, --cassette <name>', 'cassette to write (default: the file name, e.g. checkout.har → checkout)')
    .addOption(new Option('--overwrite', 'replace the cassette if it exists').conflicts('append'))
    .option('--append', 'add to the cassette if it exists')
    .option('--all', 'keep static assets, CORS preflights and what the config excludes (dropped as when recording)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, flags: ImportFlags) => {
      setCode(await runImport(file, flags, io));
    });
};

async function runImport(file: string, flags: ImportFlags, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  const { ApitapeError } = await import('../../errors.js');
  const { loadConfig, redactionRules } = await import('../../config/load.js');
  const { cassettePath } = await import('../../cassette/store.js');
  const { fillCassette, readHarFile } = await import('../../cassette/har-file.js');
  const { importHarEntries } = await import('../../cassette/har-import.js');
  const { compileFilter } = await import('../../record/filter.js');

  const config = await loadConfig(io.cwd);
  const name = flags.cassette ?? cassetteNameFor(file);
  const target = cassettePath(io.cwd, name);
  if (!flags.overwrite && !flags.append && (await fs.stat(target).then(() => true, () => false))) {
    throw new ApitapeError('CASSETTE_EXISTS', `${path.relative(io.cwd, target)} already exists`, {
      hint: 'add --overwrite to replace it, --append to add to it, or --cassette NAME to import into another cassette',
    });
  }
  const doc = await readHarFile(path.resolve(io.cwd, file), file);
  const report = { skipped: [] as SkippedEntry[], warnings: [...doc.warnings], filtered: 0 };
  const mapped = importHarEntries(doc.entries, {
    maxBodySize: config.record?.maxBodySize,
    onSkip: (s) => report.skipped.push(s),
    onWarning: (w) => report.warnings.push(w),
  });
  const filter = flags.all ? undefined : compileFilter(filterOptions(config.record));
  const imported = await fillCassette(target, keepRecordable(mapped, filter, () => (report.filtered += 1)), {
    name,
    append: flags.append === true,
    redaction: redactionRules(config),
    onWarning: (w) => report.warnings.push(w),
  });
  const summary = { cassette: name, path: target, source: file, creator: doc.creator ?? null, entries: doc.entries.length, imported, ...report };
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(describeImport(summary, path.relative(io.cwd, target)));
  for (const s of report.skipped) io.stderr.write(`apitape import: warning: skipped ${s.label}: ${s.reason}\n`);
  for (const w of report.warnings) io.stderr.write(`apitape import: warning: ${w}\n`);
  return 0;
}

/** `exports/Checkout Flow.har` → `Checkout-Flow`; `--cassette` overrides it. */
function cassetteNameFor(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? '').replace(/\.(har|json)$/i, '');
  const name = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/\.+$/, '').slice(0, 100);
  return name || 'imported';
}

/** The recorder's filter settings from the config: assets and preflights are left out unless asked. */
function filterOptions(record: RecordConfig | undefined): FilterOptions {
  return {
    include: record?.include ?? [],
    exclude: record?.exclude ?? [],
    recordAssets: record?.recordAssets ?? false,
    recordPreflight: record?.recordPreflight ?? false,
  };
}

/** Drops what `apitape record` would not have recorded, so an import gives the cassette a recording would. */
function* keepRecordable(exchanges: Iterable<ImportedExchange>, filter: ExchangeFilter | undefined, onDrop: () => void): Generator<ImportedExchange> {
  for (const exchange of exchanges) {
    const head = exchange.request;
    if (!filter || (filter.acceptRequest(head) && (!exchange.response || filter.acceptResponse(head, exchange.response.headers)))) yield exchange;
    else onDrop();
  }
}

function describeImport(s: { source: string; creator: string | null; imported: number; filtered: number; skipped: unknown[] }, target: string): string {
  const from = s.creator ? `${s.source} (${s.creator})` : s.source;
  const notes = [
    s.skipped.length > 0 ? `${s.skipped.length} skipped (see warnings)` : '',
    s.filtered > 0 ? `${s.filtered} static assets, preflights or excluded requests left out (--all keeps them)` : '',
  ].filter(Boolean);
  return `imported ${s.imported} exchange${s.imported === 1 ? '' : 's'} from ${from} into ${target}${notes.length ? `; ${notes.join('; ')}` : ''}\n`;
}
