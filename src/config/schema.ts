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

const names = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

/**
 * Draft-07 schema for `apitape.config.json`; unknown keys are errors, so typos never pass silently.
 * The descriptions are the README's configuration reference (generated from here).
 */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'editor hint; ignored' },
    redact: {
      type: 'object',
      additionalProperties: false,
      description: 'what counts as a secret; redaction runs before anything is written',
      properties: {
        headers: names('extra header names whose values are secret'),
        fields: names('extra JSON field, query and form parameter names whose values are secret'),
        keep: names('names that look secret but must stay readable (e.g. "token_type")'),
        namePattern: { type: 'boolean', description: 'use the built-in secret-name pattern (token, password, secret, api key…); default true' },
        jwt: { type: 'boolean', description: 'redact JSON Web Tokens wherever they appear; default true' },
      },
    },
    record: {
      type: 'object',
      additionalProperties: false,
      description: 'capture defaults for `apitape record` (flags override them)',
      properties: {
        include: names('host or path glob patterns to record (default: everything)'),
        exclude: names('host or path glob patterns never to record'),
        maxBodySize: { type: 'integer', minimum: 0, description: 'bytes of each body kept; beyond it a prefix, the size and a SHA-256' },
        recordAssets: { type: 'boolean', description: 'record static assets (images, fonts, CSS, JS, source maps); default false' },
        recordPreflight: { type: 'boolean', description: 'record CORS preflight (OPTIONS) requests; default false' },
      },
    },
    infer: {
      type: 'object',
      additionalProperties: false,
      description: 'how schemas are inferred from the recorded samples',
      properties: {
        enums: { type: 'boolean', description: 'infer enums for fields with few values (needs strong evidence); default false' },
        strict: { type: 'boolean', description: 'add additionalProperties: false to object schemas; default false' },
        minSamplesForRequired: { type: 'integer', minimum: 1, description: 'samples a field needs before it is required; default 2' },
      },
    },
    generate: {
      type: 'object',
      additionalProperties: false,
      description: 'what the generated collection tests',
      properties: {
        timing: { type: 'boolean', description: 'add a response-time test to every request; default true' },
        timingFloorMs: { type: 'integer', minimum: 0, description: 'the smallest response-time budget, in milliseconds' },
      },
    },
    drift: {
      type: 'object',
      additionalProperties: false,
      description: 'how replays are compared with the recording',
      properties: {
        ignore: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string', pattern: '^(/.*)?$' } },
          description: 'JSON pointers to ignore, per endpoint ("GET /users/:userId") or "*" for every endpoint',
        },
        latencyFactor: { type: 'number', exclusiveMinimum: 0, description: 'latency drift when slower than the recorded p95 times this' },
        failOn: { enum: ['breaking', 'any', 'none'], description: 'which findings make replay and diff exit 1; default breaking' },
      },
    },
  },
} as const;
