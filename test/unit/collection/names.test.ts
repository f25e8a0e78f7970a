import { describe, expect, it } from 'vitest';
import { nameRequest, singular, uniqueNames, words } from '../../../src/collection/names.js';

describe('nameRequest', () => {
  it.each([
    ['POST', '/users', 'Create user'],
    ['GET', '/users', 'List users'],
    ['GET', '/users/:userId', 'Get user by id'],
    ['PUT', '/users/:userId', 'Update user'],
    ['PATCH', '/users/:userId', 'Patch user'],
    ['DELETE', '/users/:userId', 'Delete user'],
    ['GET', '/users/:userId/orders', 'List orders for user'],
    ['POST', '/users/:userId/orders', 'Create order for user'],
    ['GET', '/orders/:orderId', 'Get order by id'],
    ['POST', '/auth/login', 'Log in'],
    ['POST', '/api/v2/sessions/logout', 'Log out'],
    ['GET', '/health', 'Get health'],
    ['GET', '/users/me', 'Get current user'],
    ['GET', '/v1/categories', 'List categories'],
    ['GET', '/repos/:owner/:repo', 'Get repo by owner and repo'],
    ['GET', '/repos/:owner/:repo/issues/:issueNumber', 'Get issue by issue number'],
    ['GET', '/files/report.pdf', 'Get report.pdf'],
    ['GET', '/', 'Get root'],
    ['GET', '/order-items', 'List order items'],
  ])('%s %s → %s', (method, template, name) => {
    expect(nameRequest(method, template)).toBe(name);
  });
});

describe('word helpers', () => {
  it('makes words singular', () => {
    expect(['users', 'categories', 'addresses', 'boxes', 'status', 'people', 'order items'].map(singular)).toEqual([
      'user', 'category', 'address', 'box', 'status', 'person', 'order item',
    ]);
  });

  it('splits camelCase, kebab and snake case', () => {
    expect(words('orderItems')).toBe('order items');
    expect(words('order_items')).toBe('order items');
  });

  it('numbers repeated names', () => {
    expect(uniqueNames(['Get user by id', 'Update user', 'Get user by id', 'Get user by id'])).toEqual([
      'Get user by id', 'Update user', 'Get user by id (2)', 'Get user by id (3)',
    ]);
  });
});
