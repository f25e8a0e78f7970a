// The demo's app, run as a child by `apitape record -- node client-main.js`: the CRUD session
// against APITAPE_BASE_URL (reverse mode), or with `--forward URL` one HTTPS request through the
// proxy that `record` hands it (HTTPS_PROXY, its CA, and the preload that makes fetch use them).
import { runClientSession } from './client.js';

const forwardIndex = process.argv.indexOf('--forward');
if (forwardIndex > 0) {
  const url = process.argv[forwardIndex + 1] ?? '';
  const response = await fetch(`${url}/health`, { headers: { accept: 'application/json' } });
  await response.text();
  if (!response.ok) throw new Error(`GET ${url}/health answered ${response.status}`);
  console.log(`app: GET ${url}/health over HTTPS through the recording proxy → ${response.status}`);
} else {
  const baseUrl = process.env.APITAPE_BASE_URL;
  if (!baseUrl) throw new Error('APITAPE_BASE_URL is not set: run me under `apitape record --target … --`');
  const requests = await runClientSession({ baseUrl });
  console.log(`app: made ${requests} requests to ${baseUrl}`);
}
