import { describe, expect, it } from 'vitest';
import { encodeExchange } from '../../../src/cassette/codec.js';
import { DEFAULT_REDACTION, isPlaceholder, redactExchange, redactionPlaceholder } from '../../../src/cassette/redact.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

const TOKEN = 'tok_canary_b3a7c9d1e5f';
const COOKIE = 'sess_canary_42aa17';
const API_KEY = 'key_canary_9f8e7d';
const PASSWORD = 'hunter2-canary';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX2NhbmFyeQ';

function canaryExchange() {
  return makeExchange({
    request: {
      method: 'POST',
      url: `https://user:${PASSWORD}@api.example.com/login?api_key=${API_KEY}&page=2`,
      headers: [
        ['Authorization', `Bearer ${TOKEN}`],
        ['Cookie', `session=${COOKIE}; theme=dark`],
        ['X-API-Key', API_KEY],
        ['X-Trace', JWT],
        ['Content-Type', 'application/x-www-form-urlencoded'],
      ],
      body: { kind: 'text', text: `username=demo&password=${PASSWORD}`, size: 10 },
    },
    response: {
      headers: [['Set-Cookie', `session=${COOKIE}; Path=/; HttpOnly`], ['content-type', 'application/json']],
      body: jsonBody({ access_token: TOKEN, token_type: 'Bearer', refresh_token: 'r_canary_55', nested: { note: `see ${JWT}` }, user: 'demo' }),
    },
  });
}

describe('redactExchange', () => {
  it('leaves no canary secret anywhere in the serialised exchange', () => {
    const line = encodeExchange(redactExchange(canaryExchange()));
    for (const secret of [TOKEN, COOKIE, API_KEY, PASSWORD, JWT, 'r_canary_55', 'c2lnbmF0dXJlX2NhbmFyeQ']) {
      expect(line).not.toContain(secret);
    }
  });

  it('keeps what is not secret readable (cookie names, attributes, token types)', () => {
    const out = redactExchange(canaryExchange());
    expect(out.request.url).toContain('page=2');
    expect(out.request.headers).toContainEqual(['Cookie', expect.stringMatching(/^session=<redacted:session:[0-9a-f]{6}>; theme=<redacted:theme:[0-9a-f]{6}>$/)]);
    expect(out.response?.headers[0]?.[1]).toMatch(/; Path=\/; HttpOnly$/);
    expect(out.response?.body).toMatchObject({ value: { token_type: 'Bearer', user: 'demo' } });
  });

  it('gives the same secret the same hash wherever it appears, so a token can be followed', () => {
    const out = redactExchange(canaryExchange());
    const auth = out.request.headers.find(([n]) => n === 'Authorization')?.[1] ?? '';
    const value = (out.response?.body as { value: { access_token: string } }).value.access_token;
    expect(auth).toBe(`Bearer ${redactionPlaceholder('authorization', TOKEN)}`);
    expect(isPlaceholder(value)).toBe(true);
    expect(value.slice(-7)).toBe(auth.slice(-7));
  });

  it('is idempotent: redacting twice changes nothing', () => {
    const once = redactExchange(canaryExchange());
    expect(redactExchange(once)).toEqual(once);
  });

  it('honours configured fields and kept names', () => {
    const exchange = makeExchange({ response: { body: jsonBody({ ssn: '123-45-6789', access_token: 'abc' }) } });
    const rules = { ...DEFAULT_REDACTION, fields: [...DEFAULT_REDACTION.fields, 'ssn'], keep: [...DEFAULT_REDACTION.keep, 'access_token'] };
    expect(redactExchange(exchange, rules).response?.body).toMatchObject({ value: { ssn: expect.stringMatching(/^<redacted:ssn:/), access_token: 'abc' } });
  });

  it('redacts secret fields in multipart bodies', () => {
    const text = `--b\r\nContent-Disposition: form-data; name="password"\r\n\r\n${PASSWORD}\r\n--b--\r\n`;
    const exchange = makeExchange({ request: { headers: [['content-type', 'multipart/form-data; boundary=b']], body: { kind: 'text', text, size: text.length } } });
    expect(JSON.stringify(redactExchange(exchange))).not.toContain(PASSWORD);
  });
});

describe('redactExchange on the harder cases', () => {
  const secretLess = (exchange: ReturnType<typeof makeExchange>, secrets: string[]) => {
    const line = encodeExchange(redactExchange(exchange));
    for (const secret of secrets) expect(line, secret).not.toContain(secret);
    return line;
  };

  it('redacts a truncated JSON prefix by pattern, including a value cut off at the end', () => {
    const text = `{"items":[{"id":1}],"access_token":"CANARY_TOK_1","session_token":"CANARY_CUT_2`;
    const exchange = makeExchange({ response: { headers: [['content-type', 'application/json']], body: { kind: 'text', text, size: 5000, truncated: true } } });
    const line = secretLess(exchange, ['CANARY_TOK_1', 'CANARY_CUT_2']);
    expect(line).toContain('\\"items\\":[{\\"id\\":1}]');
  });

  it('redacts secrets in URL-valued headers: Location (relative too), Referer, Link', () => {
    const exchange = makeExchange({
      request: { headers: [['Referer', 'https://app.example.com/cb?token=CANARY_REF_3&x=1']] },
      response: {
        headers: [
          ['Location', '/callback?code=1&access_token=CANARY_LOC_4'],
          ['Link', '<https://api.example.com/next?api_key=CANARY_LINK_5>; rel="next"'],
        ],
      },
    });
    const line = secretLess(exchange, ['CANARY_REF_3', 'CANARY_LOC_4', 'CANARY_LINK_5']);
    expect(line).toContain('/callback?code=1&access_token=');
    expect(line).toContain('rel=\\"next\\"');
  });

  it('redacts numbers under secret names, every folded Set-Cookie, and *-Key headers', () => {
    const exchange = makeExchange({
      request: { headers: [['Ocp-Apim-Subscription-Key', 'CANARY_SUB_6'], ['Idempotency-Key', 'keep-me-7']] },
      response: {
        headers: [['Set-Cookie', 'sid=CANARY_SID_8; Path=/\nrefresh=CANARY_REF_9; Expires=Wed, 21 Oct 2015 07:28:00 GMT, other=CANARY_OTH_10']],
        body: jsonBody({ password: 12345678987, pin: 'x' }),
      },
    });
    const line = secretLess(exchange, ['CANARY_SUB_6', 'CANARY_SID_8', 'CANARY_REF_9', 'CANARY_OTH_10', '12345678987']);
    expect(line).toContain('keep-me-7');
    expect(line).toContain('Expires=Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('survives JSON nested 20,000 deep (redacted by pattern, no stack overflow)', () => {
    const text = `${'['.repeat(20_000)}{"token":"CANARY_DEEP_11"}${']'.repeat(20_000)}`;
    const exchange = makeExchange({ response: { body: { kind: 'text', text, size: text.length } } });
    secretLess(exchange, ['CANARY_DEEP_11']);
  });
});
