// newman (as a library) as the client of the reverse proxy: a Postman collection's requests are
// recorded like any other client's.
import newman from 'newman';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startSampleApi, SAMPLE_CREDENTIALS } from '../../../src/sample-api/server.js';
import { readRecorded, startRecording, tempDir } from './helpers.js';

function runCollection(collection: object): Promise<newman.NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, reporters: [] }, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

describe('newman through the recorder', () => {
  it('records the requests of a collection run', async () => {
    const cwd = await tempDir();
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const rec = await startRecording(cwd, ['--target', api.url]);
    const summary = await runCollection({
      info: { name: 'via apitape', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'health', request: { method: 'GET', url: `${rec.url}/health` } },
        {
          name: 'login',
          request: {
            method: 'POST',
            url: `${rec.url}/auth/login`,
            header: [{ key: 'Content-Type', value: 'application/json' }],
            body: { mode: 'raw', raw: JSON.stringify(SAMPLE_CREDENTIALS) },
          },
        },
      ],
    });
    expect(summary.run.failures).toEqual([]);
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    expect(exchanges.map((e) => `${e.request.method} ${e.request.url} ${e.response?.status}`)).toEqual([
      `GET ${api.url}/health 200`,
      `POST ${api.url}/auth/login 200`,
    ]);
    expect(exchanges[0]!.request.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1]).toMatch(/PostmanRuntime/);
    expect(exchanges[1]!.request.body).toMatchObject({ kind: 'json', value: { username: 'demo' } });
  });
});
