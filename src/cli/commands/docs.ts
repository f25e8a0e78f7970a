// `apitape docs`: cassettes → a static, self-contained HTML API reference with search (<out>/index.html).
import type { CliIo } from '../io.js';
import type { DefineCommand } from './define.js';

interface DocsFlags {
  cassette?: string[];
  out: string;
  name?: string;
}

export const defineDocs: DefineCommand = (program, io, setCode) => {
  program
    .command('docs')
    .description('write a static, self-contained HTML API reference with search from recorded cassettes: endpoints, parameters, response fields with their evidence, recorded examples')
    .option('-c, --cassette <name...>', 'cassettes to read (default: every cassette in cassettes/)')
    .option('-o, --out <dir>', 'folder for index.html (it only replaces a page apitape docs wrote)', 'api-docs')
    .option('-n, --name <name>', 'page title (default: the cassette names sorted and joined with "+", or "collection" past 100 characters)')
    .action(async (flags: DocsFlags) => {
      setCode(await runDocs(flags, io));
    });
};

async function runDocs(flags: DocsFlags, io: CliIo): Promise<number> {
  const path = await import('node:path');
  const { loadConfig } = await import('../../config/load.js');
  const { buildDocsFromCassettes, writeDocs } = await import('../../project/docs.js');
  const config = await loadConfig(io.cwd);
  const built = await buildDocsFromCassettes(io.cwd, {
    ...(flags.cassette ? { cassettes: flags.cassette } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    ...(config.infer ? { infer: config.infer } : {}),
    onWarning: (warning) => io.stderr.write(`apitape docs: ${warning}\n`),
  });
  const file = await writeDocs(path.resolve(io.cwd, flags.out), built.html);
  const from = `${built.cassettes.length === 1 ? 'cassette' : 'cassettes'} ${built.cassettes.join(', ')}`;
  io.stdout.write(`wrote ${path.relative(io.cwd, file) || file}: ${built.endpoints} endpoints from ${built.exchanges} exchanges in ${from}\n`);
  return 0;
}
