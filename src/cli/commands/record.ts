// `apitape record`: definition only (placeholder until the recorder lands).
import type { DefineCommand } from './define.js';

export const defineRecord: DefineCommand = (program, io, setCode) => {
  program
    .command('record')
    .description('record the traffic between an app and its API into a cassette')
    .action(async () => {
      const { ApitapeError } = await import('../../errors.js');
      throw new ApitapeError('NOT_IMPLEMENTED', 'record is not implemented yet');
    });
  void io;
  void setCode;
};
