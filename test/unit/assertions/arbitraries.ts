// fast-check generators for inference tests: arbitrary JSON, and API-like records whose fields
// have formats, optional keys, nulls and few distinct values.
import fc from 'fast-check';

/** Any JSON value as it comes out of JSON.parse (no -0, no undefined). */
export const jsonValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const isoDate = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

/** A string that may or may not have a format. */
export const maybeFormatted: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.emailAddress(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.ipV4(),
  fc.ipV6(),
  isoDate.map((d) => d.toISOString()),
  isoDate.map((d) => d.toISOString().slice(0, 10)),
  isoDate.map((d) => d.toISOString().slice(11)),
  fc.constantFrom('<redacted:authorization:3f9a1c>', 'Bearer <redacted:token:00aa11>'),
  fc.string(),
);

/** A record shaped like an API resource, with optional and nullable fields. */
export const apiRecord: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    id: fc.oneof(fc.integer(), fc.uuid()),
    email: fc.emailAddress(),
    createdAt: isoDate.map((d) => d.toISOString()),
    homepage: fc.option(fc.webUrl(), { nil: null }),
    status: fc.constantFrom('active', 'pending', 'closed'),
    score: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    label: maybeFormatted,
    tags: fc.array(fc.oneof(fc.string(), fc.integer(), fc.record({ k: fc.string() })), { maxLength: 4 }),
    owner: fc.option(fc.record({ login: fc.string(), id: fc.nat() }, { requiredKeys: ['login'] }), { nil: null }),
    big: fc.constantFrom(2 ** 53 + 2, -(2 ** 60), 1e300),
  },
  { requiredKeys: ['id', 'status'] },
).map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

/** A body: mostly API records or lists of them, sometimes any JSON. */
export const body: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: apiRecord, weight: 3 },
  { arbitrary: fc.array(apiRecord, { maxLength: 4 }), weight: 2 },
  { arbitrary: fc.record({ data: fc.array(apiRecord, { maxLength: 3 }), next: fc.option(fc.webUrl(), { nil: null }) }), weight: 1 },
  { arbitrary: jsonValue, weight: 2 },
);
