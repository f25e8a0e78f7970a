// Preloaded into Node children of `record -- <command>` (NODE_OPTIONS=--import=…): Node 20's built-in
// fetch ignores HTTP(S)_PROXY, so route it through undici's EnvHttpProxyAgent, which reads them.
import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

if (process.env.APITAPE_PROXY_URL) setGlobalDispatcher(new EnvHttpProxyAgent());
