// The lock file beside a cassette being written: one recorder per cassette, a stale lock (its
// process gone) taken over.
import * as fs from 'node:fs/promises';
import { ApitapeError } from '../errors.js';

/** Takes `<file>.lock` for this process; resolves with its release. Fails fast when a live process holds it. */
export async function acquireLock(file: string): Promise<() => Promise<void>> {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await createLockFile(lock);
      return () => fs.rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
      if (pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new ApitapeError('CASSETTE_LOCKED', `${file} is being recorded by another apitape process (pid ${pid})`, {
          exit: 3,
          hint: `stop that recorder, or record into another cassette with --cassette NAME (stale lock: delete ${lock})`,
        });
      }
      if (pid === process.pid) throw new ApitapeError('CASSETTE_LOCKED', `${file} is already open for writing in this process`, { exit: 3 });
      await fs.rm(lock, { force: true }); // the recorder that held it is gone
    }
  }
  throw new ApitapeError('CASSETTE_LOCKED', `cannot lock ${file}`, { exit: 3 });
}

/**
 * Creates `lock` holding this process's pid, failing with EEXIST when it exists. The pid is written
 * to a file of our own first and then linked into place, so the lock never exists empty: another
 * recorder reading it in between would take an empty lock for a stale one and delete it.
 */
async function createLockFile(lock: string): Promise<void> {
  const own = `${lock}.${process.pid}`;
  await fs.writeFile(own, String(process.pid));
  try {
    await fs.link(own, lock);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    await fs.writeFile(lock, String(process.pid), { flag: 'wx' }); // a file system without hard links
  } finally {
    await fs.rm(own, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
