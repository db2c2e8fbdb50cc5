/**
 * Wraps a topic's async iterator so `counts` holds how many subscribers `key` has while the iterator is
 * open: the publisher skips work (a recount, a read) for keys nobody follows.
 */
export function countedSubscription(
  inner: AsyncIterableIterator<unknown>,
  counts: Map<string, number>,
  key: string,
): AsyncIterableIterator<unknown> {
  counts.set(key, (counts.get(key) ?? 0) + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (counts.get(key) ?? 1) - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  };
  return {
    next: () => inner.next(),
    return: async (value?: unknown) => {
      release();
      return inner.return ? inner.return() : { done: true, value };
    },
    throw: async (error?: unknown) => {
      release();
      return inner.throw ? inner.throw(error) : { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
