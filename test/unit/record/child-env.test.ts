import { describe, expect, it } from 'vitest';
import { childEnvironment, withoutLoopback } from '../../../src/record/child-env.js';

describe('childEnvironment', () => {
  it('sets only the base URL in reverse mode', () => {
    const env = childEnvironment({ PATH: '/bin', UNSET: undefined }, { mode: 'reverse', baseUrl: 'http://127.0.0.1:8080' });
    expect(env).toEqual({ PATH: '/bin', APITAPE_BASE_URL: 'http://127.0.0.1:8080' });
  });

  it('sets proxy (both spellings), CA and Node preload variables in forward mode', () => {
    const base = { PATH: '/bin', NODE_OPTIONS: '--max-old-space-size=512', no_proxy: 'localhost,127.0.0.1,.corp.example.com' };
    const env = childEnvironment(base, {
      mode: 'forward',
      proxyUrl: 'http://127.0.0.1:9000',
      caCertPath: '/home/u/.config/apitape/ca/ca.pem',
      caBundlePath: '/home/u/.config/apitape/ca/bundle.pem',
      preloadPath: '/opt/apitape dir/dist/record/node-preload.js',
    });
    for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'APITAPE_PROXY_URL']) expect(env[key]).toBe('http://127.0.0.1:9000');
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/home/u/.config/apitape/ca/ca.pem');
    for (const key of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE']) expect(env[key]).toBe('/home/u/.config/apitape/ca/bundle.pem');
    expect(env.NODE_OPTIONS).toBe('--max-old-space-size=512 --import=file:///opt/apitape%20dir/dist/record/node-preload.js');
    expect(env.NO_PROXY).toBe('.corp.example.com');
    expect(env.no_proxy).toBe('.corp.example.com');
    expect(base.NODE_OPTIONS).toBe('--max-old-space-size=512');
  });

  it('removes loopback entries (and a bare *) from NO_PROXY', () => {
    expect(withoutLoopback('localhost, 127.0.0.1,::1,[::1],127.0.0.0/8,*,localhost:3000')).toBeUndefined();
    expect(withoutLoopback('example.com,localhost')).toBe('example.com');
    expect(withoutLoopback(undefined)).toBeUndefined();
  });
});
