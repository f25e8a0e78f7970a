// Loads and validates `apitape.config.json`; errors name the file, line and column or the key.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DEFAULT_REDACTION, type RedactionRules } from '../cassette/redact.js';
import { ApitapeError } from '../errors.js';
import { CONFIG_SCHEMA, type ApitapeConfig } from './schema.js';
import { lineColumn } from '../text-position.js';

export const CONFIG_FILE = 'apitape.config.json';

/**
 * Reads the config at `file` (default `<cwd>/apitape.config.json`). A missing default file gives
 * `{}`; a missing explicit file, bad JSON or an unknown key is an `ApitapeError` (exit 2).
 */
export async function loadConfig(cwd: string, file?: string): Promise<ApitapeConfig> {
  const target = path.resolve(cwd, file ?? CONFIG_FILE);
  const bytes = await fs.readFile(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && file === undefined) return undefined;
    throw new ApitapeError('CONFIG_READ', `cannot read config ${target}: ${error.code ?? error.message}`, { cause: error });
  });
  if (bytes === undefined) return {};
  return parseConfig(decodeText(bytes, target), target);
}

/** Parses and validates config text; `file` is only used in messages. */
export async function parseConfig(text: string, file: string): Promise<ApitapeConfig> {
  const { parse, printParseErrorCode } = await import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) {
    throw new ApitapeError('CONFIG_SYNTAX', `${file}:${lineColumn(text, first.offset)}: invalid JSON (${printParseErrorCode(first.error)})`, {
      hint: 'apitape.config.json must be plain JSON (no comments or trailing commas)',
    });
  }
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => {
      const where = e.instancePath || '(top level)';
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      return extra ? `${where}: unknown key "${extra}"` : `${where}: ${e.message}`;
    });
    throw new ApitapeError('CONFIG_INVALID', `${file}: ${problems.join('; ')}`, {
      hint: 'see the configuration reference in README.md for the keys and their types',
    });
  }
  return value as ApitapeConfig;
}

/** The redaction rules the config asks for, on top of the defaults. */
export function redactionRules(config: ApitapeConfig): RedactionRules {
  const r = config.redact ?? {};
  const lower = (xs: string[] | undefined) => (xs ?? []).map((x) => x.toLowerCase());
  return {
    headers: [...DEFAULT_REDACTION.headers, ...lower(r.headers)],
    fields: [...DEFAULT_REDACTION.fields, ...lower(r.fields)],
    keep: [...DEFAULT_REDACTION.keep, ...lower(r.keep)],
    namePattern: r.namePattern ?? DEFAULT_REDACTION.namePattern,
    jwt: r.jwt ?? DEFAULT_REDACTION.jwt,
  };
}

/** UTF-8 with or without BOM; UTF-16 (with BOM) is decoded too rather than failing obscurely. */
function decodeText(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new ApitapeError('CONFIG_ENCODING', `${file} is UTF-16 big-endian`, { hint: 'save it as UTF-8' });
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}
