// Regenerates the command and configuration reference in README.md from the CLI definitions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildProgram } from '../src/cli/main.js';
import { renderReference, spliceReference } from '../src/cli/reference.js';

const readmePath = path.resolve(import.meta.dirname, '..', 'README.md');
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: {},
  isTTY: false,
  signal: new AbortController().signal,
};
const reference = renderReference(buildProgram(io, () => undefined));
fs.writeFileSync(readmePath, spliceReference(fs.readFileSync(readmePath, 'utf8'), reference));
console.log('README.md reference updated');
