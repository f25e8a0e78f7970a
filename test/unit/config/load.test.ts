import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, redactionRules } from '../../../src/config/load.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-config-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const write = (text: string | Buffer) => fs.writeFile(path.join(dir, 'apitape.config.json'), text);

describe('loadConfig', () => {
  it('gives an empty config when there is no file, and fails on a missing explicit file', async () => {
    expect(await loadConfig(dir)).toEqual({});
    await expect(loadConfig(dir, 'other.json')).rejects.toMatchObject({ code: 'CONFIG_READ', exit: 2 });
  });

  it('reads a valid config, with or without a BOM, and in UTF-16LE', async () => {
    const config = { redact: { fields: ['ssn'] }, drift: { failOn: 'any', ignore: { '*': ['/meta/requestId'] } } };
    await write(`\uFEFF${JSON.stringify(config)}`);
    expect(await loadConfig(dir)).toEqual(config);
    await write(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(config), 'utf16le')]));
    expect(await loadConfig(dir)).toEqual(config);
  });

  it('names line and column of a syntax error', async () => {
    await write('{\n  "redact": {\n    "fields": ["a",]\n  }\n}');
    await expect(loadConfig(dir)).rejects.toThrow(/apitape\.config\.json:3:\d+: invalid JSON/);
  });

  it('rejects unknown keys and bad values, naming each', async () => {
    await write(JSON.stringify({ redcat: {}, drift: { failOn: 'sometimes' }, record: { maxBodySize: -1 } }));
    const error = (await loadConfig(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('unknown key "redcat"');
    expect(error.message).toContain('/drift/failOn');
    expect(error.message).toContain('/record/maxBodySize');
  });

  it('adds configured redaction names to the defaults, lower-cased', () => {
    const rules = redactionRules({ redact: { headers: ['X-Tenant'], keep: ['Refresh_Token'], jwt: false } });
    expect(rules.headers).toContain('x-tenant');
    expect(rules.headers).toContain('authorization');
    expect(rules.keep).toContain('refresh_token');
    expect(rules.jwt).toBe(false);
  });
});
