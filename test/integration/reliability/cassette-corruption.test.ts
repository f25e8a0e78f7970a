// Damaged cassettes under fast-check (RELIABILITY 45): truncated at any offset, git conflict markers,
// an unknown formatVersion, arbitrary bytes, arbitrary or mutated JSON lines. Reading gives the
// complete exchanges before a torn last line, or a CassetteFormatError naming the file and line;
// never another error, never an empty cassette in place of a damaged header; preparing to append
// changes no byte; and the CLI refuses such a cassette with exit 2.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cassettePath, openCassetteWriter, prepareCassetteWriter, readCassetteAll } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { main } from '../../../src/cli/main.js';
import { CassetteFormatError } from '../../../src/errors.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';
import { fakeIo } from '../../helpers/io.js';
import { tempDir } from '../record/helpers.js';

/** A real cassette of five varied exchanges (multi-byte text too); its path, bytes and lines. */
async function sampleCassette(): Promise<{ file: string; bytes: Buffer; lines: string[]; exchanges: Exchange[] }> {
  const dir = await tempDir('apitape-fuzz-');
  const file = cassettePath(dir, 'flow');
  const writer = await openCassetteWriter(file, { name: 'flow', now: () => new Date('2026-01-01T00:00:00Z') });
  const samples = [
    makeExchange({ request: { url: 'https://api.example.com/users?page=1' } }),
    makeExchange({ request: { method: 'POST', url: 'https://api.example.com/users', body: jsonBody({ name: 'Zoë ✓ 日本' }) }, response: { status: 201 } }),
    makeExchange({ response: { status: 200, body: { kind: 'text', text: 'ünïcödé '.repeat(20), size: 200 } } }),
    makeExchange({ response: null, failure: { code: 'ECONNRESET', message: 'socket hang up', phase: 'headers' } }),
    makeExchange({ response: { status: 200, body: { kind: 'binary', base64: Buffer.from([0, 255, 1, 254]).toString('base64'), size: 4 } } }),
  ];
  for (const { id: _id, ...exchange } of samples) await writer.append(exchange);
  await writer.close();
  const bytes = await fs.readFile(file);
  const { exchanges } = await readCassetteAll(file);
  return { file, bytes, lines: bytes.toString('utf8').split('\n').slice(0, -1), exchanges };
}

/** Reads `file`: the exchanges and warnings, or the error. */
async function read(file: string): Promise<{ exchanges?: Exchange[]; warnings: string[]; error?: unknown }> {
  const warnings: string[] = [];
  try {
    const { exchanges } = await readCassetteAll(file, { onWarning: (w) => warnings.push(w) });
    return { exchanges, warnings };
  } catch (error) {
    return { warnings, error };
  }
}

/** The error is a CassetteFormatError for `file` at `line` (or any line in `line` when a range). */
function expectFormatError(error: unknown, file: string, line: number | [number, number]): void {
  expect(error).toBeInstanceOf(CassetteFormatError);
  const formatError = error as CassetteFormatError;
  const [min, max] = Array.isArray(line) ? line : [line, line];
  expect(formatError.line).toBeGreaterThanOrEqual(min);
  expect(formatError.line).toBeLessThanOrEqual(max);
  expect(formatError.file).toBe(file);
  expect(formatError.message.startsWith(`${file}:${formatError.line}: `)).toBe(true);
  expect(formatError.exit).toBe(2);
}

/** Preparing to append (then cancelling) leaves the bytes as they were, whether it fails or not. */
async function expectPrepareLeavesBytes(file: string, bytes: Buffer): Promise<void> {
  const prepared = await prepareCassetteWriter(file, { name: 'flow', onWarning: () => undefined }).catch((error: unknown) => {
    expect(error).toBeInstanceOf(CassetteFormatError);
    return undefined;
  });
  await prepared?.cancel();
  expect((await fs.readFile(file)).equals(bytes)).toBe(true);
}

const RUNS = { numRuns: 60 };

describe('a cassette truncated at any offset', () => {
  it('reads as the complete lines before the cut, or fails on line 1 when the header is cut; never empty for a cut header', async () => {
    const { file, bytes, lines, exchanges } = await sampleCassette();
    const lineEnds: number[] = [];
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lineEnds.push(at);
    const headerEnd = lineEnds[0]!; // the offset of the header's newline
    const edges = [0, 1, headerEnd - 1, headerEnd, headerEnd + 1, ...lineEnds.flatMap((end) => [end - 1, end, end + 1]), bytes.length - 1];
    const offsets = fc.oneof(fc.constantFrom(...edges.filter((o) => o >= 0 && o < bytes.length)), fc.integer({ min: 0, max: bytes.length - 1 }));
    await fc.assert(
      fc.asyncProperty(offsets, async (offset) => {
        const cut = bytes.subarray(0, offset);
        await fs.writeFile(file, cut);
        const result = await read(file);
        if (offset < headerEnd) {
          expectFormatError(result.error, file, 1); // an empty file or a torn header: never "no exchanges"
        } else {
          expect(result.error).toBeUndefined();
          const parts = cut.toString('utf8').split('\n');
          const tail = offset === headerEnd ? '' : parts.pop()!; // a header without its newline is still whole
          const tailWhole = tail !== '' && isJson(tail);
          expect(result.exchanges).toEqual(exchanges.slice(0, parts.length - 1 + (tailWhole ? 1 : 0)));
          expect(result.warnings.some((w) => w.includes('the last line is incomplete'))).toBe(tail !== '' && !tailWhole);
        }
        await expectPrepareLeavesBytes(file, cut);
      }),
      RUNS,
    );
    expect(lines).toHaveLength(6);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('git conflict markers', () => {
  it('fail on the line of the first marker, with a hint to resolve the conflict', async () => {
    const { file, lines } = await sampleCassette();
    const block = fc.record({
      at: fc.integer({ min: 0, max: lines.length }),
      ours: fc.subarray(lines.slice(1)),
      theirs: fc.subarray(lines.slice(1)),
      branch: fc.stringMatching(/^[a-z][a-z0-9/-]{0,20}$/),
    });
    await fc.assert(
      fc.asyncProperty(block, async ({ at, ours, theirs, branch }) => {
        const damaged = [...lines.slice(0, at), '<<<<<<< HEAD', ...ours, '=======', ...theirs, `>>>>>>> ${branch}`, ...lines.slice(at)];
        const bytes = Buffer.from(`${damaged.join('\n')}\n`);
        await fs.writeFile(file, bytes);
        const { error } = await read(file);
        expectFormatError(error, file, at + 1);
        expect((error as CassetteFormatError).hint).toBe('resolve the git merge conflict in the file first');
        await expectPrepareLeavesBytes(file, bytes);
      }),
      RUNS,
    );
  });
});

describe('an unknown or missing formatVersion', () => {
  it('fails on line 1, saying which versions this build reads', async () => {
    const { file, lines } = await sampleCassette();
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const version = fc.oneof(
      fc.integer({ min: 2 }),
      fc.integer({ max: 0 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => v !== 1),
      fc.string(),
      fc.constantFrom(null, true, false, [], {}, '1', undefined),
    );
    await fc.assert(
      fc.asyncProperty(version, async (formatVersion) => {
        const bytes = Buffer.from(`${[JSON.stringify({ ...header, formatVersion }), ...lines.slice(1)].join('\n')}\n`);
        await fs.writeFile(file, bytes);
        const { error } = await read(file);
        expectFormatError(error, file, 1);
        expect((error as Error).message).toMatch(typeof formatVersion === 'number' ? /but this build reads 1 to \d+$/ : /not a cassette header/);
        await expectPrepareLeavesBytes(file, bytes);
      }),
      RUNS,
    );
  });
});

describe('arbitrary bytes', () => {
  it('as a whole file: a CassetteFormatError on line 1, never an empty cassette', async () => {
    const { file } = await sampleCassette();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (raw) => {
        const bytes = Buffer.from(raw);
        await fs.writeFile(file, bytes);
        expectFormatError((await read(file)).error, file, 1);
        await expectPrepareLeavesBytes(file, bytes);
      }),
      RUNS,
    );
  });

  it('after a valid header: a CassetteFormatError on a line of the garbage, or no exchange with a torn-line warning (or blank lines)', async () => {
    const { file, lines } = await sampleCassette();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (raw) => {
        const bytes = Buffer.concat([Buffer.from(`${lines[0]}\n`), Buffer.from(raw)]);
        await fs.writeFile(file, bytes);
        const result = await read(file);
        const lineCount = bytes.toString('utf8').split(/\r\n|\r|\n/).length; // the reader also ends a line at a lone CR
        if (result.error !== undefined) {
          expectFormatError(result.error, file, [2, lineCount]);
        } else {
          expect(result.exchanges).toEqual([]);
          const blank = bytes.subarray(lines[0]!.length + 1).toString('utf8').trim() === '';
          expect(blank || result.warnings.some((w) => w.includes('the last line is incomplete'))).toBe(true);
        }
        await expectPrepareLeavesBytes(file, bytes);
      }),
      RUNS,
    );
  });
});

describe('exchange lines that are JSON but not exchanges', () => {
  it('any JSON value: read as an exchange only if it has the shape of one, else a CassetteFormatError on its line', async () => {
    const { file, lines } = await sampleCassette();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        await fs.writeFile(file, `${lines[0]}\n${lines[1]}\n${JSON.stringify(value)}\n${lines[2]}\n`);
        const result = await read(file);
        if (result.error !== undefined) expectFormatError(result.error, file, 3);
        else expect(result.exchanges).toHaveLength(3);
      }),
      RUNS,
    );
  });

  it('a real exchange with one field replaced by any JSON value: the same, never a TypeError', async () => {
    const { file, lines, exchanges } = await sampleCassette();
    const paths = exchanges.flatMap((e) => leafPaths(JSON.parse(JSON.stringify(e)) as unknown));
    const mutation = fc.record({ which: fc.integer({ min: 0, max: exchanges.length - 1 }), path: fc.constantFrom(...paths), value: fc.jsonValue({ maxDepth: 2 }) });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ which, path: at, value }) => {
        const exchange = JSON.parse(lines[which + 1]!) as unknown;
        if (!setAt(exchange, at, value)) return;
        await fs.writeFile(file, `${lines[0]}\n${JSON.stringify(exchange)}\n`);
        const result = await read(file);
        if (result.error !== undefined) expectFormatError(result.error, file, 2);
        else expect(result.exchanges).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });
});

/** Every path (object keys and array indexes) to a value inside `value`, the root excluded. */
function leafPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...leafPaths(child, [...prefix, key])]);
}

function setAt(root: unknown, at: Array<string | number>, value: unknown): boolean {
  let node = root as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') return false;
    node = node[key] as Record<string | number, unknown>;
  }
  node[at.at(-1)!] = value;
  return true;
}

describe('the CLI on a damaged cassette', () => {
  it('refuses to record onto it or generate from it (exit 2, file:line named) and leaves it byte for byte', async () => {
    const cwd = await tempDir();
    const { lines } = await sampleCassette();
    const file = path.join(cwd, 'cassettes', 'flow.ndjson');
    await fs.mkdir(path.dirname(file));
    const bytes = Buffer.from(`${[lines[0], lines[1], '<<<<<<< HEAD', lines[2], '=======', lines[3], '>>>>>>> main', lines[4]].join('\n')}\n`);
    await fs.writeFile(file, bytes);
    for (const args of [
      ['record', '--target', 'http://127.0.0.1:9', '--port', '0', '--cassette', 'flow'],
      ['generate', '--cassette', 'flow'],
    ]) {
      const io = fakeIo(cwd);
      expect(await main(args, io), args[0]).toBe(2);
      expect(io.err()).toContain(`${file}:3: not valid JSON`);
      expect(io.err()).toContain('resolve the git merge conflict in the file first');
    }
    expect((await fs.readFile(file)).equals(bytes)).toBe(true);
    expect(await fs.readdir(cwd)).toEqual(['cassettes']); // no collection or environment was written
  });
});
