// The values of the generate stage: its input (flows of exchanges + endpoint models), its options,
// and its output as plain JSON (a Postman v2.1 collection and Postman environments).
import type { Endpoint } from '../assertions/types.js';
import type { Exchange } from '../cassette/types.js';
import type { PostmanEnvironment } from './environment.js';

/** One recorded flow: a cassette's exchanges in recorded order. Each flow becomes a folder. */
export interface RecordedFlow {
  /** The cassette name; names the folder. */
  name: string;
  /** The reverse-proxy target the cassette was recorded against, if any (its main origin). */
  target?: string;
  /** When the cassette was created (its header's `createdAt`): the collection's description says so. */
  createdAt?: string;
  exchanges: Exchange[];
}

export interface GenerateInput {
  /** Collection name (`info.name`). */
  name: string;
  /** In the order they should replay; values produced in one flow may be used by a later one. */
  flows: RecordedFlow[];
  /** Inferred from every exchange of every flow (`inferEndpoints`). */
  endpoints: Endpoint[];
}

/** Response-time test: the budget is `max(floorMs, factor × recorded p95)`, rounded up to 100 ms. */
export interface TimingOptions {
  floorMs: number;
  factor: number;
}

export interface GenerateOptions {
  /** `false` leaves out response-time tests (`--no-timing`). Defaults to `DEFAULT_TIMING`. */
  timing?: TimingOptions | false;
  /** Name of the generated environment; defaults to a name derived from the main host. */
  envName?: string;
}

export const DEFAULT_TIMING: TimingOptions = { floorMs: 2000, factor: 5 };

/** A Postman Collection v2.1 document as plain JSON (see the official v2.1.0 JSON Schema). */
export interface CollectionV21 {
  info: { _postman_id: string; name: string; description?: string; schema: string };
  item: CollectionItem[];
  variable: CollectionVariable[];
  [key: string]: unknown;
}

export interface CollectionVariable {
  key: string;
  value: string;
  type: 'string';
  description?: string;
}

/** A folder (`item` present) or a request; kept loose: it is built by the postman-collection SDK. */
export interface CollectionItem {
  /** Requests only: deterministic, and the key of the `apitape.requests` collection variable. */
  id?: string;
  name: string;
  item?: CollectionItem[];
  request?: Record<string, unknown>;
  event?: Array<{ listen: 'test' | 'prerequest'; script: { type: string; exec: string[] } }>;
  description?: string;
  [key: string]: unknown;
}

/**
 * Name of the collection variable that maps each request item's `id` to where it came from (JSON
 * text of `Record<itemId, RequestOrigin>`), so replay and drift can find the recorded endpoint and
 * exchange of every response newman reports.
 */
export const REQUESTS_VARIABLE = 'apitape.requests';

export interface RequestOrigin {
  /** `Endpoint.key` as inferred from the recording (`GET https://staging.example.com/users/:userId`). */
  endpoint: string;
  /** The recorded status the request's tests expect. */
  status: number;
  /** Cassette (flow) name and id of the first recorded exchange the request stands for. */
  flow: string;
  exchange: string;
  /** Recorded exchanges folded into this request. */
  occurrences: number;
}

/** Counts for the CLI's summary line. */
export interface GenerateSummary {
  requests: number;
  folders: number;
  tests: number;
  /** Variables set by a test script from an earlier response (ids, tokens). */
  chained: string[];
  /** Redacted values the environment must provide (empty in the generated environment). */
  secrets: string[];
  /** Recorded exchanges folded into an identical earlier read. */
  collapsed: number;
  /** Exchanges left out: transport failures and requests that match no endpoint. */
  skipped: number;
}

export interface GenerateResult {
  collection: CollectionV21;
  environments: PostmanEnvironment[];
  summary: GenerateSummary;
}
