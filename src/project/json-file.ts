// Reading a JSON file a person may have edited or exported (collections, environments): errors name `file:line:col`.
import * as fs from 'node:fs/promises';
import { ApitapeError } from '../errors.js';
import { lineColumn } from '../text-position.js';

/** Reads a JSON file; a missing file, bad encoding or bad JSON is an exit-2 error naming `file:line:col`. */
export async function readJsonFile(file: string, what: string, notFoundCode: string): Promise<unknown> {
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'EISDIR') {
      throw new ApitapeError(notFoundCode, `${what} ${file} does not exist`, { cause: error });
    }
    throw new ApitapeError('FILE_READ', `cannot read ${what} ${file}: ${error.code ?? error.message}`, { cause: error, exit: 3 });
  });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return parseJsonText(bytes.subarray(2).toString('utf16le'), file, what);
  return parseJsonText(bytes.toString('utf8').replace(/^\uFEFF/, ''), file, what);
}

/** Parses JSON text; errors say where (`file:line:col`) and what was expected. */
export function parseJsonText(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? (text.trim() === '' ? '1:1' : `${text.split('\n').length}:1`) : lineColumn(text, Number(position));
    throw new ApitapeError('JSON_SYNTAX', `${file}:${where}: ${what} is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`, {
      cause: error,
      hint: `fix the file or export it again from Postman`,
    });
  }
}
