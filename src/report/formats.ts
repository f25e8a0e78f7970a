// String-format checks for drift, with the same definitions Ajv 8 uses (ajv-formats, full mode).
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatDefinition = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean) };

/**
 * Whether `value` satisfies `format`; `undefined` for a format this check does not know (then no
 * finding is made: an unknown format is not evidence of drift).
 */
export function matchesFormat(value: string, format: string): boolean | undefined {
  const definition = (fullFormats as Record<string, FormatDefinition | undefined>)[format];
  if (definition === undefined) return undefined;
  const check = definition instanceof RegExp || typeof definition === 'function' ? definition : definition.validate;
  return check instanceof RegExp ? check.test(value) : check(value);
}
