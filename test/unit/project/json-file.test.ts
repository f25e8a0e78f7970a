import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../src/project/json-file.js';

describe('parseJsonText', () => {
  it('says where the JSON breaks', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n  b\n}', 'f.json', 'environment')).toThrow(/^f\.json:3:3: environment is not valid JSON/);
    expect(() => parseJsonText('', 'f.json', 'environment')).toThrow(/^f\.json:1:1:/);
  });
});
