import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { collectionPath, environmentPath, resolveEnvironmentPath } from '../../../src/project/paths.js';

describe('project paths', () => {
  it('places collections and environments under the project', () => {
    expect(collectionPath('/p', 'My API / v2')).toBe('/p/collections/My-API-v2.postman_collection.json');
    expect(environmentPath('/p', 'staging')).toBe('/p/environments/staging.postman_environment.json');
    expect(resolveEnvironmentPath('/p', 'prod')).toBe('/p/environments/prod.postman_environment.json');
    expect(resolveEnvironmentPath('/p', 'envs/prod.json')).toBe('/p/envs/prod.json');
    expect(() => environmentPath('/p', '../escape')).toThrow(ApitapeError);
  });
});
