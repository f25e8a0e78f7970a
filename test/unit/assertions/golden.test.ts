// Pins the full output of inferEndpoints (templates, parameters, schemas, evidence, latency, key
// order) byte for byte on the three public-API-style fixtures and a generated recording, so a
// change meant to be internal (speed) can be shown to change nothing. After a deliberate change,
// review the diff of `__golden__/` and update with `npx vitest run -u test/unit/assertions/golden.test.ts`.
import { describe, expect, it } from 'vitest';
import { inferEndpoints, type InferOptions } from '../../../src/assertions/infer.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { generatedExchanges } from '../../fixtures/apis/generated.js';
import { githubLikeExchanges } from '../../fixtures/apis/github-like.js';
import { restCrudExchanges } from '../../fixtures/apis/rest-crud.js';
import { versionedFilesExchanges } from '../../fixtures/apis/versioned-files.js';

/** The bytes a golden file holds: inference output as indented JSON, easy to review in a diff. */
function render(exchanges: Exchange[], options?: InferOptions): string {
  return `${JSON.stringify(inferEndpoints(exchanges, options), null, 1)}\n`;
}

/** The same output one endpoint a line: the generated recordings' files stay a quarter of the size. */
function renderLines(exchanges: Exchange[], options?: InferOptions): string {
  return `${inferEndpoints(exchanges, options).map((endpoint) => JSON.stringify(endpoint)).join('\n')}\n`;
}

describe('inference output (golden files)', () => {
  it.each([
    ['rest-crud', restCrudExchanges],
    ['github-like', githubLikeExchanges],
    ['versioned-files', versionedFilesExchanges],
  ])('is unchanged on the %s fixture', async (name, build) => {
    await expect(render(build())).toMatchFileSnapshot(`./__golden__/${name}.json`);
  });

  it.each<[string, InferOptions | undefined]>([
    ['generated', undefined],
    ['generated-strict-enums', { strict: true, enums: true, minSamplesForRequired: 1 }],
    ['generated-small-enums', { enums: { minSamples: 3, maxValues: 4 }, minSamplesForRequired: 5 }],
  ])('is unchanged on a generated recording (%s)', async (name, options) => {
    await expect(renderLines(generatedExchanges(), options)).toMatchFileSnapshot(`./__golden__/${name}.ndjson`);
  });

  it('is unchanged when the same recording is fed in a different grouping of origins', async () => {
    const exchanges = generatedExchanges(400);
    const reordered = [...exchanges.filter((_, i) => i % 2 === 0), ...exchanges.filter((_, i) => i % 2 === 1)];
    await expect(renderLines(reordered)).toMatchFileSnapshot('./__golden__/generated-reordered.ndjson');
  });
});
