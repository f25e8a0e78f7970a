// Where a character offset is in a text, as people count it: for errors that name `file:line:col`.

/** `line:col` (both 1-based) of character `offset` in `text`. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}
