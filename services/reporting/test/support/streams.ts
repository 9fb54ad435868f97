/** A server stream's first message, or the error it ends with. */
export function firstOf<T>(stream: AsyncIterable<T>): Promise<IteratorResult<T>> {
  return stream[Symbol.asyncIterator]().next();
}
