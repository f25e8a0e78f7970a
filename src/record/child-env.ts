// The environment `record -- <command>` gives its command: the base URL in reverse mode; proxy, CA
// and Node preload settings in forward mode, so the app records with no change to its code.
import { pathToFileURL } from 'node:url';

export type ChildSetup =
  | { mode: 'reverse'; baseUrl: string }
  | {
      mode: 'forward';
      proxyUrl: string;
      /** Our CA certificate alone (for NODE_EXTRA_CA_CERTS, which adds to Node's roots). */
      caCertPath: string;
      /** Our CA plus the usual roots (for variables that replace the whole trust store). */
      caBundlePath: string;
      /** The module that makes Node 20's global `fetch` honour HTTP(S)_PROXY. */
      preloadPath: string;
      /** CA variables to set to these files instead (the user's own file plus our CA: child-trust.ts). */
      trustOverrides?: Record<string, string>;
    };

const LOOPBACK_ENTRY = /^(localhost|\.localhost|127(\.\d+){0,3}(\/\d+)?|127\.\*|::1|\[::1\]|0\.0\.0\.0)(:\d+)?$/i;

/** Builds the child's environment from `base` (which is not modified). */
export function childEnvironment(base: Record<string, string | undefined>, setup: ChildSetup): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  if (setup.mode === 'reverse') {
    env.APITAPE_BASE_URL = setup.baseUrl;
    return env;
  }
  for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'APITAPE_PROXY_URL']) env[key] = setup.proxyUrl;
  env.NODE_EXTRA_CA_CERTS = setup.caCertPath;
  for (const key of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE']) env[key] = setup.caBundlePath;
  Object.assign(env, setup.trustOverrides);
  env.NODE_USE_ENV_PROXY = '1'; // Node 24+: http, https and fetch honour the proxy variables natively
  const preload = `--import=${pathToFileURL(setup.preloadPath).href}`;
  env.NODE_OPTIONS = [base.NODE_OPTIONS, preload].filter(Boolean).join(' ');
  const noProxy = withoutLoopback(base.NO_PROXY ?? base.no_proxy);
  delete env.NO_PROXY;
  delete env.no_proxy;
  if (noProxy) env.NO_PROXY = env.no_proxy = noProxy;
  return env;
}

/** A NO_PROXY list without loopback entries, so requests to local servers are recorded too. */
export function withoutLoopback(noProxy: string | undefined): string | undefined {
  if (!noProxy) return undefined;
  const kept = noProxy
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && entry !== '*' && !LOOPBACK_ENTRY.test(entry));
  return kept.length > 0 ? kept.join(',') : undefined;
}
