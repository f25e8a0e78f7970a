// What every export format gets and gives.
import type { CliIo } from '../cli/io.js';

/** What an exporter gets: the cassette to read and where to write (`-` is stdout). */
export interface ExportRequest {
  cassette: string;
  /** Absolute path of the cassette file. */
  cassetteFile: string;
  /** Absolute path of the output, or `-` for stdout. */
  out: string;
  io: CliIo;
}

/** Writes the export and returns how many exchanges (or requests) it holds. */
export type Exporter = (request: ExportRequest) => Promise<number>;
