// Start-up cost: `apitape --help` and `apitape <cmd> --help` beside a bare `node -e ""`, in one run.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/apitape.js');

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/** Prints median wall times (ms) of start-up cases and their ratio to bare node. */
export function benchStartup(runs = 15): void {
  const cases: Array<[string, string[]]> = [
    ['node -e ""', ['-e', '']],
    ['apitape --help', [bin, '--help']],
    ['apitape record --help', [bin, 'record', '--help']],
    ['apitape replay --help', [bin, 'replay', '--help']],
  ];
  const base = time(cases[0]![1], runs);
  console.log(`\n## start-up (median of ${runs} runs)`);
  for (const [name, args] of cases) {
    const ms = name === cases[0]![0] ? base : time(args, runs);
    console.log(`${name.padEnd(26)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / base).toFixed(2)}x node`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchStartup();
