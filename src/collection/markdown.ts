// Markdown for generated descriptions: recorded text (field names, path values, cassette names) is
// untrusted, so it only ever enters as escaped prose or as a code span, one line, length-capped.

/** Characters that end a line or hide in one: recorded text is shown on one visible line. */
const LINE_BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;
/** Markdown punctuation that could start emphasis, links, code or a table cell mid-line (recorded text never starts a line). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()|~]/g;

/** Recorded text as plain Markdown prose: HTML and Markdown syntax escaped, one line, at most `max` characters. */
export function mdText(text: string, max = 120): string {
  return clip(oneLine(text), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/**
 * Recorded text as an inline code span: the fence is longer than any run of backticks inside, so
 * nothing in it is Markdown or HTML. In a table cell (the default) `|` is escaped, as GFM wants.
 */
export function mdCode(text: string, max = 120, inTable = true): string {
  const clipped = clip(oneLine(text), max);
  const inner = inTable ? clipped.replace(/\|/g, '\\|') : clipped;
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = inner.startsWith('`') || inner.endsWith('`') || inner.startsWith(' ') ? ' ' : '';
  return inner === '' ? '` `' : `${fence}${pad}${inner}${pad}${fence}`;
}

/** A GitHub-flavoured Markdown table; cells must already be escaped. */
export function mdTable(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ');
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
