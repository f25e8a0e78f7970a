// The drift the demo plants in "prod", and the check that a drift report found exactly that.
import type { Drift } from '../report/types.js';

/** Prod answers `total` of every order as a string and drops `status` (see sample-api/server.ts). */
export const PLANTED = [
  { kind: 'type-changed', field: 'total', says: 'order `total` turned from a number into a string' },
  { kind: 'field-removed', field: 'status', says: 'order `status` disappeared' },
] as const;

export interface PlantedCheck {
  ok: boolean;
  /** Planted drifts the report did not find. */
  missed: string[];
  /** Findings that were not planted. */
  unexpected: Drift[];
}

/** Whether `findings` are exactly the planted drift (each kind found, on order fields only). */
export function checkPlanted(findings: readonly Drift[]): PlantedCheck {
  const isPlanted = (d: Drift) => PLANTED.some((p) => p.kind === d.kind && d.pointer.split('/').at(-1) === p.field);
  const missed = PLANTED.filter((p) => !findings.some((d) => d.kind === p.kind && d.pointer.split('/').at(-1) === p.field)).map((p) => p.says);
  const unexpected = findings.filter((d) => !isPlanted(d));
  return { ok: missed.length === 0 && unexpected.length === 0, missed, unexpected };
}
