import { describe, expect, it } from 'vitest';
import { mdCode, mdTable, mdText } from '../../../src/collection/markdown.js';

const HOSTILE = '</script><img src=x onerror="alert(1)"> | **bold** [link](javascript:alert(1)) `code`\n# heading\u2028next';

describe('mdText', () => {
  it('leaves no HTML tag, Markdown link, emphasis, table pipe or line break in recorded text', () => {
    const text = mdText(HOSTILE, 500);
    expect(text).not.toMatch(/<[a-z/]/i);
    expect(text).toContain('&lt;img src=x onerror="alert\\(1\\)"&gt;');
    expect(text).not.toMatch(/(^|[^\\])[|*[\]`]/);
    expect(text).not.toMatch(/[\n\u2028]/);
  });

  it('caps the length with an ellipsis, counting characters rather than UTF-16 units', () => {
    expect(mdText('é'.repeat(10), 5)).toBe('éééé…');
    expect(mdText('😀'.repeat(3), 2)).toBe('😀…');
  });
});

describe('mdCode', () => {
  it('fences with more backticks than the text holds, and pads a leading or trailing backtick', () => {
    expect(mdCode('/users/:id')).toBe('`/users/:id`');
    expect(mdCode('a``b')).toBe('```a``b```');
    expect(mdCode('`x')).toBe('`` `x ``');
  });

  it('escapes pipes inside table cells only', () => {
    expect(mdCode('a|b')).toBe('`a\\|b`');
    expect(mdCode('a|b', 120, false)).toBe('`a|b`');
  });

  it('keeps recorded text on one line and never empty', () => {
    expect(mdCode('a\nb\r\nc')).toBe('`a b c`');
    expect(mdCode('')).toBe('` `');
  });
});

describe('mdTable', () => {
  it('writes a header, a delimiter row and one row per entry', () => {
    expect(mdTable(['a', 'b'], [['1', '2']])).toEqual(['| a | b |', '| --- | --- |', '| 1 | 2 |']);
  });
});
