// The JSON Schema of `apitape.config.json` and its TypeScript shape; validated at the CLI's edge.

/** Every key of the optional project config file. All are optional. */
export interface ApitapeConfig {
  redact?: {
    /** Extra header names whose values are secret. */
    headers?: string[];
    /** Extra JSON field, query and form parameter names whose values are secret. */
    fields?: string[];
    /** Names that look secret but must stay readable (e.g. `token_type`). */
    keep?: string[];
    /** Use the built-in secret-name pattern (token, password, secret, api key…). Default true. */
    namePattern?: boolean;
    /** Redact JSON Web Tokens wherever they appear. Default true. */
    jwt?: boolean;
  };
  record?: {
    /** Host or path glob patterns to record (default: everything). */
    include?: string[];
    /** Host or path glob patterns never to record. */
    exclude?: string[];
    /** Bytes of each body kept in the cassette; a prefix, the size and a SHA-256 beyond. */
    maxBodySize?: number;
    /** Record static assets (images, fonts, CSS, JS, source maps). Default false. */
    recordAssets?: boolean;
    /** Record CORS preflight (OPTIONS) requests. Default false. */
    recordPreflight?: boolean;
  };
  infer?: {
    /** Infer enums for fields with few values (needs strong evidence). Default false. */
    enums?: boolean;
    /** Add `additionalProperties: false` to object schemas. Default false. */
    strict?: boolean;
    /** A field must be seen in at least this many samples before it is `required`. Default 2. */
    minSamplesForRequired?: number;
  };
  generate?: {
    /** Add a response-time test to every request. Default true. */
    timing?: boolean;
    /** The smallest response-time budget in milliseconds. */
    timingFloorMs?: number;
  };
  drift?: {
    /** JSON pointers to ignore, per endpoint key (`GET /users/:userId`) or `*` for all endpoints. */
    ignore?: Record<string, string[]>;
    /** Latency drift when a replay is slower than the recorded p95 times this factor. */
    latencyFactor?: number;
    /** What makes `replay` and `diff` exit 1: breaking findings, any finding, or none. */
    failOn?: 'breaking' | 'any' | 'none';
  };
}

const names = { type: 'array', items: { type: 'string', minLength: 1 } };

/** Draft-07 schema for `apitape.config.json`; unknown keys are errors, so typos never pass silently. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    redact: {
      type: 'object',
      additionalProperties: false,
      properties: { headers: names, fields: names, keep: names, namePattern: { type: 'boolean' }, jwt: { type: 'boolean' } },
    },
    record: {
      type: 'object',
      additionalProperties: false,
      properties: {
        include: names,
        exclude: names,
        maxBodySize: { type: 'integer', minimum: 0 },
        recordAssets: { type: 'boolean' },
        recordPreflight: { type: 'boolean' },
      },
    },
    infer: {
      type: 'object',
      additionalProperties: false,
      properties: { enums: { type: 'boolean' }, strict: { type: 'boolean' }, minSamplesForRequired: { type: 'integer', minimum: 1 } },
    },
    generate: {
      type: 'object',
      additionalProperties: false,
      properties: { timing: { type: 'boolean' }, timingFloorMs: { type: 'integer', minimum: 0 } },
    },
    drift: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignore: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', pattern: '^(/.*)?$' } } },
        latencyFactor: { type: 'number', exclusiveMinimum: 0 },
        failOn: { enum: ['breaking', 'any', 'none'] },
      },
    },
  },
} as const;
