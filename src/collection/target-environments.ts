// One environment per reverse-mode recording target: cassettes recorded against different targets
// (`record --target A --cassette staging`, `--target B --cassette other`) get an environment each
// that points every target's base-URL variable at that one target. Pure: no I/O.
import { buildEnvironment, isEnvironmentName, type PostmanEnvironment } from './environment.js';
import { environmentNameFor, originOf, planOrigins } from './origins.js';
import type { RecordedFlow } from './types.js';

/** A recording target and the environment generated for it. */
export interface TargetEnvironment {
  /** The target's origin (`scheme://host[:port]`), as recorded in the cassette header. */
  target: string;
  /** The cassettes recorded against it, in flow order. */
  cassettes: string[];
  environment: PostmanEnvironment;
}

/**
 * With two or more distinct reverse-mode targets, one environment per target, sorted by target
 * origin. Each has exactly the keys of `base` (the default environment) in its order, so the one
 * collection runs against any of them: base-URL variables of target origins take this target,
 * variables of other origins (hosts a forward-mode cassette talked to) keep their recorded origin,
 * and every other value (secrets) is copied from `base`, which leaves secrets blank.
 *
 * With fewer than two targets (one deployment, or forward mode only) the list is empty: forward-mode
 * hosts are different services one flow needs together, not deployments of one API, so they share
 * the default environment. Names: the cassette's name when one cassette was recorded against the
 * target, else one derived from its host (`staging`, then `127.0.0.1-4001`); never `base.name` nor a
 * name another target took, ignoring case so the files differ on any file system (a numbered
 * suffix settles what is left).
 */
export function planTargetEnvironments(flows: readonly RecordedFlow[], base: PostmanEnvironment): TargetEnvironment[] {
  const targets = groupTargets(flows);
  if (targets.length < 2) return [];
  const originVariables = planOrigins([...flows]).variables;
  const targetKeys = new Set(targets.flatMap((t) => originVariables.get(t.target) ?? []));
  const names = nameTargets(targets, base.name);
  return targets.map((t, i) => ({
    ...t,
    environment: buildEnvironment(
      names[i]!,
      base.values.map((v) => ({ key: v.key, value: targetKeys.has(v.key) ? t.target : v.value, secret: v.type === 'secret' })),
    ),
  }));
}

/** Distinct target origins, sorted, each with the cassettes recorded against it. */
function groupTargets(flows: readonly RecordedFlow[]): Array<{ target: string; cassettes: string[] }> {
  const byTarget = new Map<string, string[]>();
  for (const flow of flows) {
    const target = flow.target ? originOf(flow.target) : undefined;
    if (target === undefined) continue;
    const cassettes = byTarget.get(target) ?? [];
    if (!cassettes.includes(flow.name)) cassettes.push(flow.name);
    byTarget.set(target, cassettes);
  }
  return [...byTarget].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([target, cassettes]) => ({ target, cassettes }));
}

/**
 * Unique environment names in the targets' order. Cassette names are claimed first, so a host-derived
 * name of one target never takes the cassette name another target is known by.
 */
function nameTargets(targets: ReadonlyArray<{ target: string; cassettes: string[] }>, reserved: string): string[] {
  const used = new Set([reserved.toLowerCase()]);
  const taken = (name: string): boolean => used.has(name.toLowerCase());
  const take = (name: string): string => {
    used.add(name.toLowerCase());
    return name;
  };
  const names = targets.map((t) => {
    const cassette = t.cassettes.length === 1 ? t.cassettes[0]! : '';
    return isEnvironmentName(cassette) && !taken(cassette) ? take(cassette) : undefined;
  });
  return targets.map((t, i) => {
    const claimed = names[i];
    if (claimed !== undefined) return claimed;
    const candidates = [environmentNameFor(t.target), hostName(t.target)].filter(isEnvironmentName);
    return take(candidates.find((c) => !taken(c)) ?? numbered(candidates[candidates.length - 1] ?? 'target', taken));
  });
}

/** `http://127.0.0.1:4001` → `127.0.0.1-4001`; `https://[::1]:8443` → `1-8443`. */
function hostName(origin: string): string {
  const host = origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return host.replace(/[^A-Za-z0-9.]+/g, '-').slice(0, 60).replace(/^[-.]+|[-.]+$/g, '');
}

function numbered(base: string, taken: (name: string) => boolean): string {
  const stem = base.slice(0, 58);
  let n = 2;
  while (taken(`${stem}-${n}`)) n += 1;
  return `${stem}-${n}`;
}
