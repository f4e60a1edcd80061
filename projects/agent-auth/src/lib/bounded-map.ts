/**
 * A memo that keeps at most `limit` entries, dropping the oldest first. Keys here are strings
 * the page controls (request URLs, tokens): an app uses a handful over and over, while a stream
 * of distinct ones must not grow memory. Oldest-first rather than least-recently-used because
 * Map keeps insertion order for free and the hot keys are re-added as soon as they are dropped.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** @internal for tests */
  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }
}
