// `apitape demo`: the whole loop on the embedded sample API, in a folder of its own.
import type { DefineCommand } from './define.js';

export const defineDemo: DefineCommand = (program, io, setCode) => {
  program
    .command('demo')
    .summary('see the whole loop (record, generate, replay, drift) on an embedded sample API')
    .description(
      'see the whole loop in under a minute: starts an embedded sample API as "staging" and a drifted "prod", ' +
        'records a scripted app session through `apitape record` (reverse mode, plus one HTTPS request in forward mode), ' +
        'generates the collection, replays it against prod and shows the drift report; exit 0 when it found exactly the planted drift',
    )
    .option('--dir <path>', 'folder for everything the demo writes (it refuses a folder it did not make)', 'apitape-demo')
    .option('--skip-forward', 'leave out the forward-mode HTTPS request (no CA is created)')
    .action(async (flags: { dir: string; skipForward?: boolean }) => {
      const { runDemo } = await import('../../demo/run.js');
      setCode(await runDemo({ dir: flags.dir, ...(flags.skipForward ? { skipForward: true } : {}) }, io));
    });
};
