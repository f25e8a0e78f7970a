import { describe, expect, it } from 'vitest';
import { caFiles } from '../../../src/record/ca.js';
import { formatTrustInstructions } from '../../../src/record/ca-trust.js';

const ca = {
  cert: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n',
  key: 'secret',
  files: caFiles('/home/ada/.config/apitape'),
  created: false,
  fingerprint: 'AB:CD',
  validTo: new Date('2036-01-01T00:00:00Z'),
};

describe('formatTrustInstructions', () => {
  it('names the certificate and how each client trusts it, never the key contents', () => {
    const text = formatTrustInstructions(ca, 'linux');
    expect(text).toContain('apitape CA certificate: /home/ada/.config/apitape/ca/ca.pem');
    expect(text).toContain('NODE_EXTRA_CA_CERTS=/home/ada/.config/apitape/ca/ca.pem');
    expect(text).toContain('REQUESTS_CA_BUNDLE=/home/ada/.config/apitape/ca/bundle.pem');
    expect(text).toContain('keytool -importcert -alias apitape -file /home/ada/.config/apitape/ca/ca.pem');
    expect(text).toContain('update-ca-certificates');
    expect(text).toContain('valid until:          2036-01-01');
    expect(text).not.toContain('secret');
    expect(formatTrustInstructions(ca, 'darwin')).toContain('security add-trusted-cert');
    expect(formatTrustInstructions(ca, 'win32')).toContain('certutil -addstore');
  });

  it('quotes paths with spaces', () => {
    const spaced = { ...ca, files: caFiles('/Users/ada/Library/Application Support/apitape') };
    expect(formatTrustInstructions(spaced, 'darwin')).toContain("NODE_EXTRA_CA_CERTS='/Users/ada/Library/Application Support/apitape/ca/ca.pem'");
  });
});
