import { describe, expect, it } from 'vitest';
import { nameOwnerPair, nameParameter } from '../../../src/assertions/param-names.js';

describe('nameParameter', () => {
  it.each([
    ['users', 0, 'id', 'userId'],
    ['reports', 0, 'date', 'reportDate'],
    ['repos', 0, 'value', 'repo'],
    ['repos', 1, 'value', 'repo2'],
    [undefined, 0, 'value', 'param'],
    ['pull-requests', 0, 'id', 'pullRequestId'],
  ] as const)('after %s, position %i, %s values: %s', (previous, position, kind, name) => {
    expect(nameParameter(previous, position, kind, new Set())).toBe(name);
  });

  it('never repeats a name taken earlier in the path', () => {
    expect(nameParameter('users', 0, 'id', new Set(['userId']))).toBe('userId2');
  });
});

describe('nameOwnerPair', () => {
  it('names the pair after a plural collection name owner and its singular', () => {
    expect(nameOwnerPair('repos', 'repo', new Set())).toEqual(['owner', 'repo']);
    expect(nameOwnerPair('packages', 'package', new Set(['id']))).toEqual(['owner', 'package']);
    expect(nameOwnerPair('categories', 'category', new Set())).toEqual(['owner', 'category']);
  });

  it.each([
    ['user', 'user', [], 'a singular noun'],
    ['repos', 'repo3', [], 'a first parameter renamed by a clash'],
    ['repos', 'repo', ['owner'], 'owner already taken'],
    ['repos', 'repo', ['repo'], 'the noun already taken'],
    ['owners', 'owner', [], 'a noun whose singular is owner'],
    ['v2', 'param', [], 'a version'],
  ])('does not apply after %s / %s (%s)', (noun, first, taken) => {
    expect(nameOwnerPair(noun, first, new Set(taken))).toBeUndefined();
  });
});
