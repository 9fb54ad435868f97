/** The 11 bytes every binary COPY starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, 4 bytes of flags and 4 of header extension length. */
const HEADER = SIGNATURE.length + 8;

/**
 * Rows of PostgreSQL's binary COPY format (`copy … to stdout with (format binary)`) as they
 * arrive in pieces of any size: each complete row is handed over as bounds of its fields in a
 * buffer, never copied field by field or turned into strings. For text columns the binary
 * format is the UTF-8 bytes themselves, so nothing is escaped. A row cut between two pieces
 * waits for the next one (only that partial row is copied).
 */
export class BinaryCopyRows {
  /** The current row's fields: start and end in the buffer handed over, (-1, -1) for a null. */
  readonly fields: Int32Array;
  #pending: Buffer | undefined;
  #headerRead = false;
  #ended = false;

  constructor(private readonly fieldCount: number) {
    this.fields = new Int32Array(fieldCount * 2);
  }

  /** Whether the end-of-data marker has been read. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Hands every row completed by `chunk[start, end)` to `row`, with `fields` holding its bounds
   * in the buffer `row` is given.
   */
  push(chunk: Buffer, row: (buf: Buffer) => void, start = 0, end = chunk.length): void {
    if (end <= start) return;
    if (this.#ended) throw new Error('binary COPY data after its end');
    const pending = this.#pending;
    const buf = pending ? Buffer.concat([pending, chunk.subarray(start, end)]) : chunk;
    let pos = pending ? 0 : start;
    const limit = pending ? buf.length : end;
    if (!this.#headerRead) {
      const signed = buf.subarray(pos, Math.min(limit, pos + SIGNATURE.length));
      if (!signed.equals(SIGNATURE.subarray(0, signed.length))) {
        throw new Error('not binary COPY data (no PGCOPY signature)');
      }
      if (limit - pos < HEADER || limit - pos < HEADER + buf.readInt32BE(pos + HEADER - 4)) {
        this.#pending = Buffer.from(buf.subarray(pos, limit));
        return;
      }
      pos += HEADER + buf.readInt32BE(pos + HEADER - 4);
      this.#headerRead = true;
    }
    const fields = this.fields;
    rows: while (limit - pos >= 2) {
      const count = buf.readInt16BE(pos);
      if (count === -1) {
        this.#ended = true;
        pos += 2;
        break;
      }
      if (count !== this.fieldCount) {
        throw new Error(`a binary COPY row has ${count} fields, not ${this.fieldCount}`);
      }
      let at = pos + 2;
      for (let f = 0; f < count; f++) {
        if (limit - at < 4) break rows;
        const length = buf.readInt32BE(at);
        at += 4;
        if (length < 0) {
          fields[2 * f] = -1;
          fields[2 * f + 1] = -1;
          continue;
        }
        if (limit - at < length) break rows;
        fields[2 * f] = at;
        fields[2 * f + 1] = at + length;
        at += length;
      }
      row(buf);
      pos = at;
    }
    this.#pending = pos < limit ? Buffer.from(buf.subarray(pos, limit)) : undefined;
  }
}
