// The models inference produces from recorded exchanges: endpoints, per-status response models and
// the evidence behind every schema decision. Later stages (generate, compare) read only these.

/** A draft-07 JSON Schema as plain JSON (kept loose on purpose: we build and compare, not validate). */
export type JsonSchema = { [key: string]: unknown };

/** Latency figures in milliseconds (from request start to the end of the response). */
export interface LatencyStats {
  p50: number;
  p95: number;
  max: number;
}

/** What was seen of one JSON field across the samples of one endpoint and status. */
export interface FieldEvidence {
  // JSON pointer; every array item is written as the segment `*`, e.g. `/data/*/id`.
  pointer: string;
  /** JSON types seen (`string`, `integer`, `number`, `boolean`, `null`, `object`, `array`), sorted. */
  types: string[];
  /** In how many samples (bodies) the field was present; for fields inside arrays, in how many items. */
  present: number;
  /** Out of how many samples or parent occurrences it could have been present. */
  of: number;
  /** How many times the value was null. */
  nulls: number;
  /** Distinct primitive values seen, capped (see `distinctCapped`). */
  distinct: number;
  distinctCapped: boolean;
  /** A few distinct primitive values (sorted, capped at 10), for enums and drift's "new value" check;
   *  absent when the field held more distinct values than are counted (`distinctCapped`). */
  values?: Array<string | number | boolean>;
  /** Format every string sample agreed on (`date-time`, `email`, `uuid`, …). */
  format?: string;
  /** The values differed across samples (timestamps, ids, tokens, counters). */
  volatile: boolean;
}

/** The model of one status code of one endpoint. */
export interface ResponseModel {
  status: number;
  samples: number;
  /** Media types seen (`application/json`, without parameters), sorted. */
  contentTypes: string[];
  /** Body kinds seen (`json`, `text`, `binary`, `empty`, `none`), sorted. */
  bodyKinds: string[];
  /** Smallest and largest body size in bytes. */
  size: { min: number; max: number };
  latency: LatencyStats;
  /** Merged draft-07 schema of every JSON sample; absent when no sample was JSON. */
  schema?: JsonSchema;
  /** Evidence for each field, sorted by pointer. */
  fields: FieldEvidence[];
  /** Selected response headers (lower-case name → the values seen, sorted, capped). */
  headers: Record<string, string[]>;
  /** Samples whose content type said JSON but whose body did not parse (absent when none). */
  unparseable?: number;
  /** Set when some body nested deeper than inference describes: the schema accepts anything there. */
  schemaCapped?: true;
}

export interface ParameterModel {
  name: string;
  /** Distinct example values seen, in first-seen order, capped. */
  examples: string[];
  /** For query parameters: in how many samples it was present. */
  present?: number;
}

/** One endpoint: method + origin + path template, and what it answered per status. */
export interface Endpoint {
  /** `GET https://api.example.com/users/:userId`: unique, stable, used as an id by later stages. */
  key: string;
  method: string;
  /** scheme://host[:port] */
  origin: string;
  /** Path template with named parameters: `/users/:userId/orders/:orderId`. */
  template: string;
  pathParams: ParameterModel[];
  queryParams: ParameterModel[];
  samples: number;
  /** Sorted by status. */
  responses: ResponseModel[];
  /** Latency over every response of the endpoint, whatever its status. */
  latency?: LatencyStats;
  /** Samples that got no response at all (`response === null`); absent when none. */
  failures?: number;
}
