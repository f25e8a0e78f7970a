// Ajv 6 (Postman's sandbox: fast and full format modes) and Ajv 8 with ajv-formats, for checking
// that inferred schemas accept the samples they came from.
import Ajv6 from 'ajv6';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';

type Compile = (schema: object) => (value: unknown) => boolean;

const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv) => Ajv;

const ajv6Fast = new Ajv6({ format: 'fast' });
const ajv6Full = new Ajv6({ format: 'full' });
const ajv8 = addFormats(new Ajv({ strict: false }));

/** Named compilers: Ajv 6 in both format modes (Postman's sandbox) and Ajv 8 with ajv-formats. */
const COMPILERS: Record<string, Compile> = {
  'ajv6-fast': (s) => ajv6Fast.compile(s) as (v: unknown) => boolean,
  'ajv6-full': (s) => ajv6Full.compile(s) as (v: unknown) => boolean,
  ajv8: (s) => ajv8.compile(s) as (v: unknown) => boolean,
};

/** Names of the validators that reject `value` under `schema` (empty when all accept). */
export function rejectedBy(schema: object, value: unknown): string[] {
  return rejectedSamples(schema, [value]).map((r) => r.validator);
}

/** Every (validator, sample) pair where the sample is rejected; each schema is compiled once. */
export function rejectedSamples(schema: object, values: readonly unknown[]): Array<{ validator: string; value: unknown }> {
  const out: Array<{ validator: string; value: unknown }> = [];
  for (const [validator, compile] of Object.entries(COMPILERS)) {
    const validate = compile(schema);
    for (const value of values) if (validate(value) !== true) out.push({ validator, value });
  }
  return out;
}

/** Whether the meta-schemas of Ajv 6 and Ajv 8 accept `schema` as a valid draft-07 schema. */
export function schemaErrors(schema: object): string[] {
  const errors: string[] = [];
  if (!ajv6Full.validateSchema(schema)) errors.push(`ajv6: ${ajv6Full.errorsText()}`);
  if (!ajv8.validateSchema(schema)) errors.push(`ajv8: ${ajv8.errorsText()}`);
  return errors;
}
