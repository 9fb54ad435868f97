import { Readable } from 'node:stream';
import type pg from 'pg';
import { BinaryCopyRows } from './binary-copy-rows.js';
import type { ExportEncoder } from './export-columns.js';

// PostgreSQL's protocol message codes met during COPY OUT.
const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
/** Messages that may come between CopyData messages and are skipped. */
const INTERSPERSED = new Set([0x48 /* CopyOutResponse */, 0x41, 0x4e, 0x53]);
/** A message's code and length. */
const MESSAGE_HEADER = 5;

/**
 * A binary `copy … to stdout` run as a pg query, whose rows are encoded where they lie in the
 * socket's bytes and which reads as a stream of encoded messages of `batch` rows.
 *
 * pg-copy-streams does the same job generically: it slices every protocol message (one per
 * row) into a Buffer of its own and joins them again, a quarter of an export's CPU and most of
 * its garbage. Here the CopyData messages are found in each chunk the socket gives and their
 * bytes are handed to the row parser in place. Back-pressure as in pg-copy-streams: the socket
 * is read only while the stream's reader wants more, so PostgreSQL waits for a slow client.
 * The protocol: https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-COPY
 */
export class BinaryCopyOut<Message> extends Readable implements pg.Submittable {
  readonly #rows: BinaryCopyRows;
  #socket: pg.Connection['stream'] | undefined;
  /** pg's own reader of the socket, set aside during the COPY and given back after it. */
  #pgReader: ((data: Buffer) => void) | undefined;
  /** A message header cut by the end of a chunk. */
  #header = Buffer.alloc(0);
  /** The current message's code, and how many of its bytes are still to come. */
  #code = 0;
  #left = 0;
  #wanted = false;
  #forwarding = false;
  readonly #onReadable = () => this.#forward();

  constructor(
    private readonly text: string,
    fieldCount: number,
    private readonly encoder: ExportEncoder<Message>,
    private readonly batch: number,
  ) {
    super({ objectMode: true, highWaterMark: 2 });
    this.#rows = new BinaryCopyRows(fieldCount);
  }

  /** Called by pg when the query's turn comes: takes over the socket and sends the COPY. */
  submit(connection: pg.Connection): void {
    const socket = connection.stream;
    const [reader] = socket.listeners('data') as ((data: Buffer) => void)[];
    if (!reader) throw new Error('the connection has no reader to take over');
    this.#pgReader = reader;
    this.#socket = socket;
    socket.removeListener('data', reader);
    socket.pause();
    socket.on('readable', this.#onReadable);
    connection.query(this.text);
  }

  override _read(): void {
    this.#wanted = true;
    this.#forward();
  }

  // pg calls these on the query it is running.
  handleError(error: Error): void {
    this.destroy(error);
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {}

  #forward(): void {
    const socket = this.#socket;
    if (this.#forwarding || !this.#wanted || !socket) return;
    this.#forwarding = true;
    try {
      let chunk: Buffer | null;
      while (this.#wanted && this.#socket && (chunk = socket.read() as Buffer | null) !== null) {
        this.#parse(chunk);
      }
    } catch (error) {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.#forwarding = false;
    }
  }

  #parse(chunk: Buffer): void {
    const encoder = this.encoder;
    const row = (buf: Buffer) => {
      encoder.add(buf, this.#rows.fields);
      if (encoder.rows === this.batch) this.#wanted = this.push(encoder.take());
    };
    let pos = 0;
    while (pos < chunk.length) {
      if (this.#left === 0) {
        // The next message's header, perhaps cut by the chunk's end.
        const headerAt = pos;
        let header = chunk;
        let at = pos;
        if (this.#header.length > 0 || chunk.length - pos < MESSAGE_HEADER) {
          const take = Math.min(MESSAGE_HEADER - this.#header.length, chunk.length - pos);
          this.#header = Buffer.concat([this.#header, chunk.subarray(pos, pos + take)]);
          pos += take;
          if (this.#header.length < MESSAGE_HEADER) return;
          header = this.#header;
          at = 0;
          this.#header = Buffer.alloc(0);
        } else {
          pos += MESSAGE_HEADER;
        }
        this.#code = header[at] as number;
        this.#left = header.readInt32BE(at + 1) - 4;
        if (this.#code === COPY_DATA || INTERSPERSED.has(this.#code)) continue;
        // CopyDone, an ErrorResponse or anything else ends the COPY: pg reads the rest.
        const rest =
          header === chunk
            ? chunk.subarray(headerAt)
            : Buffer.concat([header, chunk.subarray(pos)]);
        this.#finish(this.#code === COPY_DONE ? undefined : rest, rest);
        return;
      }
      const end = Math.min(chunk.length, pos + this.#left);
      if (this.#code === COPY_DATA) this.#rows.push(chunk, row, pos, end);
      this.#left -= end - pos;
      pos = end;
    }
  }

  /** Gives the socket back to pg with what it has yet to read; ends the stream unless failed. */
  #finish(failure: Buffer | undefined, rest: Buffer): void {
    const socket = this.#socket;
    const reader = this.#pgReader;
    if (!socket || !reader) return;
    this.#socket = undefined;
    socket.removeListener('readable', this.#onReadable);
    socket.on('data', reader);
    // After CopyDone pg reads CommandComplete and ReadyForQuery; after an error, the error.
    reader(failure ?? rest.subarray(MESSAGE_HEADER));
    process.nextTick(() => socket.resume());
    if (failure) return; // pg reports it through handleError
    if (!this.#rows.ended) {
      this.destroy(new Error('the COPY ended before its end-of-data marker'));
      return;
    }
    if (this.encoder.rows > 0) this.push(this.encoder.take());
    this.push(null);
  }
}
