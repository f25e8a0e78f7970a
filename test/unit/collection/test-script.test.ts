// Tests of src/assertions/tests.ts: the generated scripts are valid JavaScript whatever the data.
import { describe, expect, it } from 'vitest';
import { jsLiteral, renderTestScript, testNames, type RequestTestSpec } from '../../../src/assertions/tests.js';

export const HOSTILE = '"\'`${process.exit(7)}\u2028\u2029</script>"); require(\'child_process\').execSync(\'touch PWNED\'); //';

const spec: RequestTestSpec = {
  label: `GET /items/${HOSTILE} 200`,
  status: 200,
  contentTypes: ['application/json'],
  schemaVariable: `schema GET /items/${HOSTILE} 200`,
  maxResponseMs: 2000,
  captures: [
    { variable: 'itemId', source: { kind: 'body', path: ['data', 0, HOSTILE] } },
    { variable: 'location', source: { kind: 'location', header: 'Location', segment: 2 } },
    { variable: 'session', source: { kind: 'cookie', name: HOSTILE } },
    { variable: 'token', source: { kind: 'header', header: 'X-Token', prefix: 'Bearer ' } },
  ],
  samples: 3,
};

describe('renderTestScript', () => {
  it('names every test for a person', () => {
    expect(testNames(spec)).toEqual([
      'status is 200',
      'content type is application/json',
      `body matches schema for GET /items/${HOSTILE} 200`,
      'response time is under 2000 ms',
      `saves {{itemId}} from body /data/0/${HOSTILE.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      'saves {{location}} from the Location header',
      `saves {{session}} from cookie ${HOSTILE}`,
      'saves {{token}} from the X-Token header',
    ]);
  });

  it('gives valid JavaScript in which hostile values stay data', () => {
    const source = renderTestScript(spec).join('\n');
    expect(() => new Function('pm', source)).not.toThrow();
    expect(source).not.toContain('\u2028');
    expect(source).not.toContain('</script>');
    const names: string[] = [];
    const noop: object = new Proxy(() => undefined, { get: () => noop, apply: () => noop });
    const pm = { test: (name: string) => names.push(name), response: noop, collectionVariables: noop, expect: noop, cookies: noop };
    new Function('pm', source)(pm);
    expect(names).toEqual(testNames(spec));
  });

  it('leaves out what the spec does not ask for', () => {
    const names = testNames({ label: 'DELETE /users/:userId 204', status: 204, contentTypes: [], captures: [], samples: 1 });
    expect(names).toEqual(['status is 204']);
    expect(renderTestScript({ label: 'x', status: 204, contentTypes: [], captures: [], samples: 1 }).join('\n')).not.toContain('responseTime');
  });
});

describe('jsLiteral', () => {
  it('round-trips any string through JavaScript evaluation', () => {
    for (const value of [HOSTILE, '\u0000', '\ud800', 'a\nb', { k: [HOSTILE] }]) {
      expect(new Function(`return ${jsLiteral(value)};`)()).toEqual(value);
    }
  });
});
