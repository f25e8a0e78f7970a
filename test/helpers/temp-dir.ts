// A temporary folder for one test, removed when that test finishes.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { onTestFinished } from 'vitest';

/** Creates `<tmpdir>/<prefix>XXXXXX` and registers its removal with `onTestFinished`; call it inside a test. */
export async function tempDir(prefix = 'apitape-test-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}
