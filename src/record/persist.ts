// Drains the proxy's exchanges into the cassette without waiting on each write: lines share writes,
// the tally and the printed lines follow in recorded order, and unwritten lines stay bounded.
import type { CassetteWriter } from '../cassette/store.js';
import type { CapturedExchange } from './assembler.js';
import { formatExchangeLine, type RecordingTally } from './report.js';
import type { TextSink } from './run-command.js';

/** Unwritten characters past which the next exchange waits for the disk to catch up. */
const MAX_UNWRITTEN = 4 * 1024 * 1024;

export interface PersistOptions {
  tally: RecordingTally;
  /** Where the line of each saved exchange is printed; omitted when quiet. */
  lines?: TextSink;
  /** Called once, for the first write that fails; every later exchange is dropped. */
  onWriteError(error: unknown): void;
}

/**
 * Appends every exchange to `writer` until the iteration ends, then waits for the last write. An
 * exchange is tallied and printed only once its line is in the file, so a printed line survives a
 * `kill -9`.
 */
export async function persistExchanges(exchanges: AsyncIterable<CapturedExchange>, writer: CassetteWriter, options: PersistOptions): Promise<void> {
  const printer = options.lines ? new LinePrinter(options.lines) : undefined;
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    options.onWriteError(error);
  };
  let last: Promise<void> = Promise.resolve();
  for await (const exchange of exchanges) {
    if (failed) continue;
    try {
      last = writer.append(exchange).then((saved) => {
        options.tally.add(saved);
        printer?.print(formatExchangeLine(saved));
      }, fail);
    } catch (error) {
      fail(error);
      continue;
    }
    if (writer.unwritten > MAX_UNWRITTEN) await last;
  }
  await last;
  printer?.flush();
}

/** Joins the lines printed within one turn of the event loop into one write. */
class LinePrinter {
  private text = '';
  private scheduled = false;

  constructor(private readonly sink: TextSink) {}

  print(line: string): void {
    this.text += `${line}\n`;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    this.sink.write(text);
  }
}
