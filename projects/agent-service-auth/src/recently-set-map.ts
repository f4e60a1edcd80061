/**
 * A Map that keeps the `limit` most recently set keys. Setting a new key when full drops the
 * oldest entry (first set, first out: reading does not refresh an entry). Setting a key that is
 * already there moves it to the newest end and drops nobody, so a token verified afresh stays
 * cached: unlike the client library's BoundedMap, which leaves a re-set key where it was, hence
 * the other name. A limit of 0 keeps nothing.
 * `limit` must be a whole number, 0 or more; callers validate their own option for it.
 */
export class RecentlySetMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    if (this.limit === 0) return this;
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#oldest());
    this.#entries.set(key, value);
    return this;
  }

  #oldest(): K {
    return this.#entries.keys().next().value as K;
  }
}
