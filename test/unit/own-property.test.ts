import { describe, expect, it } from 'vitest';
import { setOwnProperty } from '../../src/own-property.js';

describe('setOwnProperty', () => {
  it('adds `__proto__` as an own, enumerable key and leaves the prototype alone', () => {
    const out: Record<string, unknown> = {};
    setOwnProperty(out, 'a', 1);
    setOwnProperty(out, '__proto__', { x: 1 });
    setOwnProperty(out, 'constructor', 'c');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['a', '__proto__', 'constructor']);
    expect(JSON.stringify(out)).toBe('{"a":1,"__proto__":{"x":1},"constructor":"c"}');
  });

  it('builds what JSON.parse builds, key order included', () => {
    const text = '{"b":[1,{"__proto__":null}],"__proto__":"s","a":{}}';
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parsed)) setOwnProperty(copy, key, value);
    expect(JSON.stringify(copy)).toBe(text);
    setOwnProperty(copy, '__proto__', 2);
    expect(copy['__proto__']).toBe(2);
    expect(Object.keys(copy)).toEqual(['b', '__proto__', 'a']);
  });
});
