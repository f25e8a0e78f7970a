import { describe, expect, it } from 'vitest';
import { loadRecording } from '../../../src/project/recording.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('loadRecording', () => {
  it('names a cassette that does not exist, and copes with none at all', async () => {
    const cwd = await tempDir();
    expect(await loadRecording(cwd, undefined)).toEqual({ cassettes: [], endpoints: [] });
    await expect(loadRecording(cwd, ['nope'])).rejects.toMatchObject({ code: 'CASSETTE_NOT_FOUND', exit: 2 });
  });
});
