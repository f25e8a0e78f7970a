// `npm run bench`: runs each benchmark script in its own process (so peak RSS figures stay apart).
// `npm run bench -- record infer` runs only those.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ALL = ['startup', 'record', 'infer', 'replay'];
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
const root = path.resolve(import.meta.dirname, '..');
let failed = 0;

for (const name of wanted) {
  const file = path.join(root, 'bench', `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no bench/${name}.ts (known: ${ALL.join(', ')})`);
    failed += 1;
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
