import { describe, expect, it } from 'vitest';
import { classifySegment } from '../../../src/assertions/segment-shape.js';

describe('classifySegment', () => {
  it.each([
    ['42', 'id'],
    ['5f0c9e4e-8b7a-4d35-9a55-6b1e3c7a2f10', 'id'],
    ['507f1f77bcf86cd799439011', 'id'],
    ['01HZY3M6V9Q4W2X8K7J5N3P1RT', 'id'],
    ['cus_9s6XKzkNRiz8i3', 'id'],
    ['2024-05-01', 'id'],
    ['aB3dE5fG7hJ9kL1m', 'id'],
    ['3f9a1c2b4d5e6f708192a3b4c5d6e7f8a9b0c1d2', 'id'],
    ['v1', 'version'],
    ['v2.1', 'version'],
    ['v1beta1', 'version'],
    ['users', 'word'],
    ['me', 'word'],
    ['hello-world', 'word'],
    ['pull_requests', 'word'],
    ['hello-world-2', 'value'],
    ['item42', 'value'],
    ['README.md', 'value'],
    ['src%2Findex.ts', 'value'],
    ['app-1.2.3.tar.gz', 'value'],
    ['oauth2', 'value'],
  ])('%s is %s', (segment, shape) => {
    expect(classifySegment(segment)).toBe(shape);
  });
});
