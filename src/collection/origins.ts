// Base-URL variables: the main recorded origin becomes `{{baseUrl}}`, every other origin
// `{{baseUrl_<label>}}` (`payments.example.com` → `baseUrl_payments`), and the environment's name.
import type { RecordedFlow } from './types.js';

export interface OriginPlan {
  /** The origin most of the traffic went to (or the recording target). */
  main: string;
  /** origin → variable name, in first-seen order with the main origin first. */
  variables: Map<string, string>;
}

const GENERIC_LABELS = new Set(['api', 'www', 'app', 'gateway', 'rest']);

/** `scheme://host[:port]` of an absolute URL, or undefined when it does not parse. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Picks the main origin and names a variable for every origin the flows talked to. */
export function planOrigins(flows: RecordedFlow[]): OriginPlan {
  const counts = new Map<string, number>();
  for (const flow of flows) {
    for (const exchange of flow.exchanges) {
      const origin = originOf(exchange.request.url);
      if (origin) counts.set(origin, (counts.get(origin) ?? 0) + 1);
    }
  }
  const target = flows.map((f) => (f.target ? originOf(f.target) : undefined)).find((o) => o !== undefined);
  let main = target ?? '';
  if (!main) {
    for (const [origin, count] of counts) if (!main || count > counts.get(main)!) main = origin;
  }
  const variables = new Map<string, string>([[main, 'baseUrl']]);
  const used = new Set(['baseUrl']);
  for (const origin of counts.keys()) {
    if (variables.has(origin)) continue;
    const name = uniqueName([`baseUrl_${hostLabel(origin)}`, `baseUrl_${sanitize(hostOf(origin))}`], used);
    variables.set(origin, name);
    used.add(name);
  }
  return { main, variables };
}

/** The environment name for a main origin: `staging` for `https://api.staging.example.com`, `local` for loopback. */
export function environmentNameFor(origin: string): string {
  const host = hostOf(origin).split(':')[0] ?? '';
  if (host === '' || host === 'localhost' || host.startsWith('127.') || host === '[::1]') return 'local';
  if (isIpLiteral(host)) return sanitize(host);
  return hostLabel(origin);
}

function hostLabel(origin: string): string {
  const hostPort = hostOf(origin);
  const host = hostPort.split(':')[0] ?? hostPort;
  if (isIpLiteral(host) || host === 'localhost') return sanitize(hostPort);
  const labels = host.split('.');
  const label = labels.find((l, i) => !GENERIC_LABELS.has(l) || i === labels.length - 1) ?? host;
  return sanitize(label);
}

function hostOf(origin: string): string {
  return origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

function isIpLiteral(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
}

function sanitize(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return clean === '' ? 'host' : clean;
}

function uniqueName(candidates: string[], used: Set<string>): string {
  for (const c of candidates) if (!used.has(c)) return c;
  const base = candidates[candidates.length - 1]!;
  let n = 2;
  while (used.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}
