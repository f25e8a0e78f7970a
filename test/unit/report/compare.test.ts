import { describe, expect, it } from 'vitest';
import { compareRun, compareRunDetailed } from '../../../src/report/compare.js';
import { endpoint, field, replayed, responseModel, runOf } from './builders.js';

const ORDER = endpoint([
  responseModel([
    field('/id', ['integer']),
    field('/total', ['number']),
    field('/status', ['string'], { distinct: 2, values: ['paid', 'pending'], present: 12, of: 12 }),
    field('/currency', ['string'], { volatile: false, distinct: 1, values: ['EUR'] }),
    field('/createdAt', ['string'], { format: 'date-time' }),
    field('/note', ['null', 'string'], { nulls: 1 }),
    field('/items', ['array']),
    field('/items/*', ['object'], { present: 5, of: 5 }),
    field('/items/*/sku', ['string'], { present: 5, of: 5 }),
  ]),
]);

const GOOD = { id: 7, total: 25, status: 'paid', currency: 'EUR', createdAt: '2026-01-01T10:00:00Z', note: null, items: [{ sku: 'A' }] };

function findingsFor(body: unknown, extra: Parameters<typeof replayed>[1] = {}) {
  return compareRun([ORDER], runOf([replayed(0, { body, ...extra })]));
}

describe('compareRun', () => {
  it('finds nothing when the replay matches, whatever volatile values hold', () => {
    expect(findingsFor(GOOD)).toEqual([]);
    expect(findingsFor({ ...GOOD, id: 99999, total: 10.5, createdAt: '2030-05-05T00:00:00Z', note: 'x', items: [] })).toEqual([]);
  });

  it('reports a changed type, exactly once, as breaking', () => {
    const drifts = findingsFor({ ...GOOD, total: '25.00' });
    expect(drifts).toEqual([
      {
        kind: 'type-changed',
        severity: 'breaking',
        endpoint: 'GET https://api.example.com/orders/:orderId',
        status: 200,
        location: 'body',
        pointer: '/total',
        expected: ['number'],
        actual: 'string',
        message: expect.stringContaining('/total is string'),
        requests: [0],
      },
    ]);
  });

  it('reports removed fields (breaking) and added fields (info)', () => {
    const { status: _s, ...rest } = GOOD;
    const drifts = findingsFor({ ...rest, discount: { code: 'X' } });
    expect(drifts.map((d) => [d.kind, d.pointer, d.severity])).toEqual([
      ['field-removed', '/status', 'breaking'],
      ['field-added', '/discount', 'info'],
    ]);
  });

  it('reports removals inside array items once per pointer', () => {
    const drifts = findingsFor({ ...GOOD, items: [{ sku: 'A' }, {}, {}] });
    expect(drifts.map((d) => [d.kind, d.pointer])).toEqual([['field-removed', '/items/*/sku']]);
  });

  it('reports nullability, format, a new value and a changed stable value', () => {
    const drifts = findingsFor({ ...GOOD, total: null, createdAt: 'yesterday', status: 'refunded', currency: 'USD' });
    expect(drifts.map((d) => [d.kind, d.pointer, d.severity])).toEqual([
      ['nullability-changed', '/total', 'breaking'],
      ['format-changed', '/createdAt', 'warning'],
      ['value-changed', '/currency', 'warning'],
      ['new-value', '/status', 'warning'],
    ]);
  });

  it('never makes value findings for ids, times or generated-looking values', () => {
    const model = endpoint([
      responseModel([
        field('/userId', ['string'], { volatile: false, distinct: 1, values: ['u-1'] }),
        field('/updatedAt', ['string'], { volatile: false, distinct: 1, values: ['monday'] }),
        field('/ref', ['string'], { volatile: false, distinct: 1, values: ['a8f3c2d19e'] }),
        field('/count', ['integer'], { volatile: false, distinct: 1, values: [123456] }),
      ]),
    ]);
    const run = runOf([replayed(0, { body: { userId: 'u-2', updatedAt: 'tuesday', ref: 'ffeeddccbb', count: 654321 } })]);
    expect(compareRun([model], run)).toEqual([]);
  });

  it('needs enough samples before calling a value stable', () => {
    const model = endpoint([responseModel([field('/kind', ['string'], { volatile: false, distinct: 1, values: ['a'], present: 1, of: 1 })])]);
    expect(compareRun([model], runOf([replayed(0, { body: { kind: 'b' } })]))).toEqual([]);
  });

  it('reports an unrecorded status and skips the body then', () => {
    const drifts = findingsFor({ error: 'gone' }, { status: 404 });
    expect(drifts).toEqual([expect.objectContaining({ kind: 'status', expected: [200], actual: 404, status: 404, location: 'status' })]);
  });

  it('reports content type (breaking) and watched headers', () => {
    const model = endpoint([responseModel([], { headers: { 'cache-control': ['no-store'], 'access-control-allow-origin': ['*'] } })]);
    const run = runOf([replayed(0, { body: {}, headers: [['Content-Type', 'text/html'], ['Cache-Control', 'max-age=60']] })]);
    const drifts = compareRun([model], run);
    expect(drifts.map((d) => [d.kind, d.pointer, d.severity, d.actual])).toEqual([
      ['header-changed', '/content-type', 'breaking', 'text/html'],
      ['header-changed', '/access-control-allow-origin', 'warning', null],
      ['header-changed', '/cache-control', 'info', 'max-age=60'],
    ]);
  });

  it('reports latency only beyond p95 × factor and the floor', () => {
    expect(findingsFor(GOOD, { durationMs: 400 })).toEqual([]);
    const slow = findingsFor(GOOD, { durationMs: 900 });
    expect(slow).toEqual([expect.objectContaining({ kind: 'latency', expected: { p95Ms: 20, limitMs: 520 }, actual: 900 })]);
    const run = runOf([replayed(0, { body: GOOD, durationMs: 90 })]);
    expect(compareRun([ORDER], run, { latencyFactor: 2, latencyFloorMs: 10 }).map((d) => d.kind)).toEqual(['latency']);
  });

  it('merges the same finding across requests', () => {
    const run = runOf([replayed(0, { body: { ...GOOD, total: '1' } }), replayed(1, { body: GOOD }), replayed(2, { body: { ...GOOD, total: '2' } })]);
    const drifts = compareRun([ORDER], run);
    expect(drifts).toHaveLength(1);
    expect(drifts[0]!.requests).toEqual([0, 2]);
  });

  it('matches by the recorded origin when the replay went elsewhere, and skips failed or unknown requests', () => {
    const failed = { ...replayed(1), response: null, failure: { code: 'ECONNRESET', message: 'reset', phase: 'headers' as const } };
    const unknown = replayed(2, { url: 'https://prod.example.com/unknown/path', body: { anything: 1 } });
    const { drifts, matched } = compareRunDetailed([ORDER], runOf([replayed(0, { body: GOOD }), failed, unknown]));
    expect(drifts).toEqual([]);
    expect([...matched]).toEqual([[0, ORDER.key]]);
  });

  it('drops ignored pointers per endpoint, by full key, short key or *', () => {
    const body = { ...GOOD, total: '25.00', extra: 1 };
    const run = runOf([replayed(0, { body })]);
    expect(compareRun([ORDER], run, { ignore: { 'GET /orders/:orderId': ['/total'] } }).map((d) => d.pointer)).toEqual(['/extra']);
    expect(compareRun([ORDER], run, { ignore: { [ORDER.key]: ['/extra', '/total'] } })).toEqual([]);
    expect(compareRun([ORDER], run, { ignore: { '*': [''] } })).toEqual([]);
    expect(compareRun([ORDER], run, { ignore: { 'GET /other': ['/total'] } })).toHaveLength(2);
  });

  it('sorts breaking first and is deterministic', () => {
    const run = runOf([replayed(0, { body: { ...GOOD, total: '1', extra: true, currency: 'USD' } })]);
    const first = compareRun([ORDER], run);
    expect(first.map((d) => d.severity)).toEqual(['breaking', 'warning', 'info']);
    expect(compareRun([ORDER], structuredClone(run))).toEqual(first);
  });

  it('treats the keys of a map-like object as one position', () => {
    const model = endpoint([responseModel([field('/byId', ['object']), field('/byId/*', ['object']), field('/byId/*/n', ['integer'])])]);
    expect(compareRun([model], runOf([replayed(0, { body: { byId: { a1: { n: 1 }, b2: { n: 2 } } } })]))).toEqual([]);
    expect(compareRun([model], runOf([replayed(0, { body: { byId: { a1: { n: 'x' } } } })])).map((d) => [d.kind, d.pointer])).toEqual([['type-changed', '/byId/*/n']]);
  });

  it('reports a body that is no longer JSON', () => {
    const run = runOf([{ ...replayed(0), response: { ...replayed(0).response!, body: { kind: 'text', text: '<html>', size: 6 } } }]);
    expect(compareRun([ORDER], run).map((d) => [d.kind, d.pointer, d.expected, d.actual])).toEqual([
      ['type-changed', '', 'json', 'text'],
    ]);
  });
});
