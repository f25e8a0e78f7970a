import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { decodeText, parseHarDocument } from '../../../src/cassette/har-document.js';
import { lineColumn } from '../../../src/text-position.js';

const minimal = '{"log":{"version":"1.2","creator":{"name":"Tool","version":"9"},"entries":[{"a":1},{"b":2}]}}';

function parse(text: string | Buffer) {
  return parseHarDocument(typeof text === 'string' ? Buffer.from(text) : text, 'x.har');
}

function failure(text: string | Buffer): ApitapeError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ApitapeError);
    return error as ApitapeError;
  }
  throw new Error('expected parseHarDocument to throw');
}

describe('parseHarDocument', () => {
  it('returns the entries and who wrote the file', () => {
    expect(parse(minimal)).toEqual({ entries: [{ a: 1 }, { b: 2 }], creator: 'Tool 9', warnings: [] });
  });

  it('reads UTF-8 with a BOM and UTF-16 in both byte orders', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimal)]);
    expect(parse(withBom).entries).toHaveLength(2);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal, 'utf16le')]);
    expect(parse(le).entries).toHaveLength(2);
    const be = Buffer.from(le);
    be.swap16();
    expect(parse(be).entries).toHaveLength(2);
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });

  it('warns about a version other than 1.x but reads the file', () => {
    const doc = parse('{"log":{"version":"2.0","entries":[]}}');
    expect(doc.entries).toEqual([]);
    expect(doc.warnings).toEqual(['x.har: HAR version "2.0" is not 1.x; read as 1.2']);
    expect(parse('{"log":{"entries":[]}}').warnings).toEqual([]);
  });

  it('fails with exit 2, naming the file and what was expected, on anything that is not HAR', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /^x\.har is not a HAR file: the file is empty$/],
      ['   \n', /the file is empty/],
      ['<!doctype html><p>hi</p>', /^x\.har is not a HAR file: invalid JSON at 1:1 \(Unexpected token '<'\)$/],
      ['{"name":"pkg"}', /found an object without a "log" object/],
      ['[1,2]', /found an array without a "log" object/],
      ['{"log":{"entries":{}}}', /"log\.entries" is an object, not an array/],
      ['{"log":{}}', /"log\.entries" is missing, not an array/],
    ];
    for (const [text, message] of cases) {
      const error = failure(text);
      expect(error.code).toBe('HAR_INVALID');
      expect(error.exit).toBe(2);
      expect(error.message).toMatch(message);
      expect(error.hint).toContain('{"log": {"version": "1.2", "entries": [...]}}');
    }
  });

  it('gives the line and column of a JSON error and never quotes the file', () => {
    const text = '{\n  "password": "hunter2",\n  "log" 1\n}';
    const error = failure(text);
    expect(error.message).toBe("x.har is not a HAR file: invalid JSON at 3:9 (Unexpected number)");
    expect(error.message).not.toContain('hunter2');
    expect(failure('{"a": }').message).not.toContain('"a"');
  });

  it('keeps the complete entries of a file cut short, with a warning', () => {
    const torn = '{"log":{"version":"1.2","entries":[{"a":"x}"},\n{"b":[1,{"c":"\\""}]},{"c":';
    const doc = parse(torn);
    expect(doc.entries).toEqual([{ a: 'x}' }, { b: [1, { c: '"' }] }]);
    expect(doc.warnings).toEqual([
      'x.har: invalid JSON at 2:27 (Unexpected end of JSON input); read the 2 complete entries before it, the rest of the file was ignored',
    ]);
  });

  it('fails on a torn file with no complete entry', () => {
    expect(failure('{"log":{"version":"1.2","entries":[{"a":').message).toMatch(/invalid JSON at 1:41 \(Unexpected end of JSON input\)/);
  });
});

describe('lineColumn', () => {
  it('counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toBe('1:1');
    expect(lineColumn('ab\ncd', 4)).toBe('2:2');
  });
});
