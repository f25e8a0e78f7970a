import { describe, expect, it } from 'vitest';
import { LineBatcher } from '../../../src/cassette/line-batcher.js';

/** A write function that records each call and settles only when told. */
function fakeFile() {
  const writes: string[] = [];
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      writes.push(text);
      pending.push({ resolve, reject });
    });
  return { writes, write, finish: () => pending.shift()!.resolve(), fail: (error: Error) => pending.shift()!.reject(error) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('LineBatcher', () => {
  it('writes the lines of one turn together, and those added during a write in the next one, in order', async () => {
    const file = fakeFile();
    const lines = new LineBatcher(file.write);
    const first = lines.add('a\n');
    const second = lines.add('b\n');
    expect(file.writes).toEqual([]);
    expect(lines.unwritten).toBe(4);
    await turn();
    expect(file.writes).toEqual(['a\nb\n']);
    const third = lines.add('c\n');
    const fourth = lines.add('d\n');
    await turn();
    expect(file.writes).toEqual(['a\nb\n']); // one write at a time
    file.finish();
    await Promise.all([first, second]);
    expect(file.writes).toEqual(['a\nb\n', 'c\nd\n']);
    file.finish();
    await Promise.all([third, fourth]);
    await lines.flush();
  });

  it('flush writes what waits at once and resolves when all is written', async () => {
    const file = fakeFile();
    const lines = new LineBatcher(file.write);
    void lines.add('a\n');
    const flushed = lines.flush();
    expect(file.writes).toEqual(['a\n']);
    let done = false;
    void flushed.then(() => (done = true));
    await turn();
    expect(done).toBe(false);
    file.finish();
    await flushed;
  });

  it('after a failed write, fails its lines and every later one (nothing is appended after a torn line)', async () => {
    const file = fakeFile();
    const lines = new LineBatcher(file.write);
    const first = lines.add('a\n');
    await turn();
    const queued = lines.add('b\n');
    file.fail(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    await expect(first).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(queued).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(lines.add('c\n')).rejects.toMatchObject({ code: 'ENOSPC' });
    await turn();
    expect(file.writes).toEqual(['a\n']);
    await lines.flush();
  });
});
