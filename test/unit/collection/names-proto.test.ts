// Request names for path segments that name Object.prototype members: words, never inherited functions.
import { describe, expect, it } from 'vitest';
import { nameRequest, singular } from '../../../src/collection/names.js';

describe('nameRequest with prototype-named segments', () => {
  it.each([
    ['POST', '/constructor', 'Post constructor'],
    ['GET', '/constructor', 'Get constructor'],
    ['GET', '/constructor/:constructorId', 'Get constructor by id'],
    ['POST', '/api/constructor/:id/toString', 'Post to string for constructor'],
    ['POST', '/__proto__', 'Post proto'],
  ])('%s %s → %s', (method, template, name) => {
    // POST /constructor used to throw, and GET /constructor/:id was named "Get function Object() { [native code] } by id"

    expect(nameRequest(method, template)).toBe(name);
  });

  it('leaves a prototype-named word as it is in singular()', () => {
    expect(singular('constructor')).toBe('constructor');
    expect(singular('hasownproperty')).toBe('hasownproperty');
  });
});
