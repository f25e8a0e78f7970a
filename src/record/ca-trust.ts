// How to trust the apitape CA, per client: printed by `apitape ca`.
import type { CertificateAuthority } from './ca.js';

/** The text `apitape ca` prints: where the certificate is, and how each kind of client trusts it. */
export function formatTrustInstructions(ca: CertificateAuthority, platform: NodeJS.Platform = process.platform): string {
  const cert = ca.files.certPath;
  const q = (p: string) => (/[\s'"$]/.test(p) ? `'${p.replace(/'/g, `'\\''`)}'` : p);
  const lines = [
    `apitape CA certificate: ${cert}${ca.created ? ' (created now)' : ''}`,
    `  SHA-256 fingerprint:  ${ca.fingerprint}`,
    `  valid until:          ${ca.validTo.toISOString().slice(0, 10)}`,
    `  private key:          ${ca.files.keyPath} (mode 0600; never copy it into a project or a cassette)`,
    '',
    '`apitape record -- <command>` sets the variables below for the command by itself. To trust the CA',
    'elsewhere (only on machines you control; anyone with the key can intercept your HTTPS):',
    `  Node.js            NODE_EXTRA_CA_CERTS=${q(cert)}`,
    `  curl               curl --cacert ${q(cert)} …   or   CURL_CA_BUNDLE=${q(ca.files.bundlePath)}`,
    `  Python requests    REQUESTS_CA_BUNDLE=${q(ca.files.bundlePath)}   (urllib/ssl: SSL_CERT_FILE=${q(ca.files.bundlePath)})`,
    `  Java               keytool -importcert -alias apitape -file ${q(cert)} -cacerts -storepass changeit -noprompt`,
    `  Browsers           Chrome/Chromium: Settings › Privacy and security › Security › Manage certificates › Authorities › Import`,
    `                     Firefox: Settings › Privacy & Security › Certificates › View Certificates › Authorities › Import`,
    `  System store       ${systemStore(platform, q(cert))}`,
    '',
    `\`apitape ca --pem\` prints the certificate itself; \`apitape ca --path\` only its path. APITAPE_HOME moves the CA.`,
  ];
  return `${lines.join('\n')}\n`;
}

function systemStore(platform: NodeJS.Platform, cert: string): string {
  if (platform === 'darwin') return `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${cert}`;
  if (platform === 'win32') return `certutil -addstore -f ROOT ${cert}`;
  return `sudo cp ${cert} /usr/local/share/ca-certificates/apitape.crt && sudo update-ca-certificates   (Debian/Ubuntu)`;
}
