// `apitape record`: definition only; the recorder loads inside the action so `--help` stays fast.
import type { Command } from 'commander';
import type { DefineCommand } from './define.js';

interface RecordFlags {
  target?: string;
  port: string;
  host: string;
  allowRemote?: boolean;
  cassette: string;
  overwrite?: boolean;
  include: string[];
  exclude: string[];
  recordAssets?: boolean;
  recordPreflight?: boolean;
  maxBodySize: string;
  maxDecodedSize: string;
  firstByteTimeout: string;
  idleTimeout: string;
  headerTimeout: string;
  insecure?: boolean;
  upstreamCa: string[];
  quiet?: boolean;
  grace: string;
  config?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const CLIENTS_HELP = `
Reverse mode (--target): point the app's API base URL at the address printed on start.
  apitape record --target https://staging.example.com --port 8080
  apitape record --target https://staging.example.com -- npm run e2e   # APITAPE_BASE_URL is set for the command

Forward mode (no --target): a regular HTTP proxy; HTTPS through CONNECT is intercepted with
apitape's own CA (created on first use, see \`apitape ca\`). Under \`record -- <command>\` the command
gets HTTP_PROXY, HTTPS_PROXY, http_proxy, https_proxy, APITAPE_PROXY_URL, the CA variables
NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, and loopback entries are
removed from NO_PROXY so local servers are recorded too. What each client needs:
  Node fetch (20+)   nothing more: a preload (NODE_OPTIONS=--import=…) routes it via the proxy
  Node http/axios    axios reads HTTP(S)_PROXY; plain http.request/got need an agent (Node 24+: NODE_USE_ENV_PROXY=1, set)
  curl               reads http_proxy (lower case, set) and HTTPS_PROXY; trusts CURL_CA_BUNDLE
  Python requests    reads HTTP(S)_PROXY and REQUESTS_CA_BUNDLE; urllib reads SSL_CERT_FILE
  Java               -Dhttp.proxyHost/-Dhttps.proxyPort and the CA imported with keytool
  Chromium           --proxy-server=<proxy> --proxy-bypass-list='<-loopback>' and the CA trusted

Each recorded exchange prints one line (redacted) unless --quiet. Ctrl-C stops: in-flight exchanges
get --grace to finish, the cassette is flushed and a summary printed (exit 130; with a command, its exit code).
When exchanges were made but none reached the target (refused, TLS, timeout), the exit code is 3 (a
command's own non-zero code is kept); they are still recorded, with their failure. A write error
(disk full) stops the recording with exit 3. With --overwrite the new cassette replaces the old one
only when the recording ends with at least one exchange answered; until then the old one is intact.`;

/** Registers `apitape record [options] [-- command…]`. */
export const defineRecord: DefineCommand = (program, io, setCode) => {
  program
    .command('record')
    .description('record the traffic between an app and its API into a cassette')
    .argument('[command...]', 'command to run under the proxy (after --); recording stops when it exits')
    .option('-t, --target <url>', 'reverse mode: forward every request to this origin (https://host[:port])')
    .option('-p, --port <port>', 'port to listen on; 0 picks a free one', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--allow-remote', 'allow a non-loopback --host (an open proxy for that network)')
    .option('-c, --cassette <name>', 'cassette name: cassettes/<name>.ndjson', 'default')
    .option('--overwrite', 'start the cassette anew instead of appending: it replaces the old one when recording ends, if an exchange was answered')
    .option('--include <pattern>', 'record only matching exchanges: host (*.example.com), path (/api/**) or host/path; repeatable', collect, [])
    .option('--exclude <pattern>', 'do not record matching exchanges (same patterns); repeatable', collect, [])
    .option('--record-assets', 'also record static assets (images, fonts, stylesheets, scripts, source maps)')
    .option('--record-preflight', 'also record CORS preflight (OPTIONS) requests')
    .option('--max-body-size <size>', 'body bytes kept per message; larger bodies keep a prefix, size and SHA-256', '2MB')
    .option('--max-decoded-size <size>', 'most bytes a compressed body may decode to (gzip-bomb guard)', '64MB')
    .option('--first-byte-timeout <duration>', 'answer 504 when the upstream sends no response headers for this long; 0 disables', '30s')
    .option('--idle-timeout <duration>', 'cut a response body that stalls for this long (event streams exempt); 0 disables', '60s')
    .option('--header-timeout <duration>', 'close a client connection whose request head takes longer than this (slowloris guard); 0 disables', '30s')
    .option('--insecure', 'do NOT verify upstream TLS certificates')
    .option('--upstream-ca <file>', 'also trust this CA (PEM) for upstream TLS; repeatable', collect, [])
    .option('-q, --quiet', 'do not print a line per exchange')
    .option('--grace <duration>', 'how long in-flight exchanges may finish after Ctrl-C', '5s')
    .option('--config <file>', 'config file (default: apitape.config.json when present): redaction rules and `record` defaults')
    .addHelpText('after', CLIENTS_HELP)
    .action(async (command: string[], flags: RecordFlags, self: Command) => {
      const { record } = await import('../../record/recorder.js');
      const given = (key: keyof RecordFlags) => self.getOptionValueSource(key) === 'cli';
      const result = await record(await resolveOptions(command, flags, given), io);
      setCode(result.exitCode);
    });

  /** Flags over `apitape.config.json` over defaults, validated (bad values are exit 2). */
  async function resolveOptions(command: string[], flags: RecordFlags, given: (key: keyof RecordFlags) => boolean) {
    const { parseTarget, parsePort, checkHost, parseSize, parseDuration } = await import('../../record/options.js');
    const { loadConfig, redactionRules } = await import('../../config/load.js');
    const config = await loadConfig(io.cwd, flags.config);
    const fromConfig = config.record ?? {};
    const allowRemote = flags.allowRemote === true;
    const pick = <T>(key: keyof RecordFlags, flag: T, configured: T | undefined): T => (given(key) || configured === undefined ? flag : configured);
    const maxBodySize = given('maxBodySize') || fromConfig.maxBodySize === undefined ? parseSize(flags.maxBodySize, '--max-body-size') : fromConfig.maxBodySize;
    return {
      cwd: io.cwd,
      env: io.env,
      ...(flags.target !== undefined ? { target: parseTarget(flags.target) } : {}),
      host: checkHost(flags.host, allowRemote),
      port: parsePort(flags.port),
      allowRemote,
      cassette: flags.cassette,
      overwrite: flags.overwrite === true,
      filter: {
        include: pick('include', flags.include, fromConfig.include),
        exclude: pick('exclude', flags.exclude, fromConfig.exclude),
        recordAssets: pick('recordAssets', flags.recordAssets === true, fromConfig.recordAssets),
        recordPreflight: pick('recordPreflight', flags.recordPreflight === true, fromConfig.recordPreflight),
      },
      limits: { maxBodySize, maxDecodedBytes: parseSize(flags.maxDecodedSize, '--max-decoded-size') },
      timeouts: {
        firstByteMs: parseDuration(flags.firstByteTimeout, '--first-byte-timeout'),
        idleMs: parseDuration(flags.idleTimeout, '--idle-timeout'),
        headersMs: parseDuration(flags.headerTimeout, '--header-timeout'),
      },
      insecure: flags.insecure === true,
      upstreamCaFiles: flags.upstreamCa,
      quiet: flags.quiet === true,
      graceMs: parseDuration(flags.grace, '--grace'),
      redaction: redactionRules(config),
      ...(command.length > 0 ? { command } : {}),
    };
  }
};
