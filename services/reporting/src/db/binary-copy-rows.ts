/** The 11 bytes every binary COPY starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, 4 bytes of flags and 4 of header extension length. */
const HEADER = SIGNATURE.length + 8;

/**
 * Rows of PostgreSQL's binary COPY format (`copy … to stdout with (format binary)`) as they
 * arrive in chunks of any size: each complete row is handed over as bounds of its fields in a
 * buffer, never copied field by field or turned into strings. For text columns the binary
 * format is the UTF-8 bytes themselves, so nothing is escaped. A row cut between two chunks
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

  /** Hands every row completed by `chunk` to `row`, with `fields` holding its bounds in `buf`. */
  push(chunk: Buffer, row: (buf: Buffer) => void): void {
    if (chunk.length === 0) return;
    if (this.#ended) throw new Error('binary COPY data after its end');
    const buf = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    let pos = 0;
    if (!this.#headerRead) {
      const signed = buf.subarray(0, SIGNATURE.length);
      if (!signed.equals(SIGNATURE.subarray(0, signed.length))) {
        throw new Error('not binary COPY data (no PGCOPY signature)');
      }
      if (buf.length < HEADER || buf.length < HEADER + buf.readInt32BE(HEADER - 4)) {
        this.#pending = buf;
        return;
      }
      pos = HEADER + buf.readInt32BE(HEADER - 4);
      this.#headerRead = true;
    }
    const fields = this.fields;
    rows: while (buf.length - pos >= 2) {
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
        if (buf.length - at < 4) break rows;
        const length = buf.readInt32BE(at);
        at += 4;
        if (length < 0) {
          fields[2 * f] = -1;
          fields[2 * f + 1] = -1;
          continue;
        }
        if (buf.length - at < length) break rows;
        fields[2 * f] = at;
        fields[2 * f + 1] = at + length;
        at += length;
      }
      row(buf);
      pos = at;
    }
    this.#pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : undefined;
  }
}
