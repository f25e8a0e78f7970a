import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/main.js';
import { REFERENCE_END, REFERENCE_START, renderReference } from '../../../src/cli/reference.js';
import { fakeIo } from '../../helpers/io.js';

describe('README reference', () => {
  it('matches the CLI definitions and the config schema (run `npm run docs:reference` to update)', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const start = readme.indexOf(REFERENCE_START);
    const end = readme.indexOf(REFERENCE_END);
    expect(start, 'README.md has the reference markers').toBeGreaterThan(0);
    const inReadme = readme.slice(start + REFERENCE_START.length, end).trim();
    const generated = renderReference(buildProgram(fakeIo(os.tmpdir()), () => undefined)).trim();
    expect(inReadme).toBe(generated);
  });

  it('lists every command and config key', () => {
    const reference = renderReference(buildProgram(fakeIo(os.tmpdir()), () => undefined));
    expect(reference).toContain('#### `apitape record');
    expect(reference).toContain('`drift.failOn`');
    expect(reference).toContain('`redact.fields`');
  });
});
