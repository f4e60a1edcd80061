import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('keeps at most `limit` entries, dropping the oldest first', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    expect(map.size).toBe(3);
    expect(map.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((key) => map.get(key))).toEqual([1, 2, 3]);
  });

  it('replacing a key keeps its place and evicts nobody', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    expect(map.size).toBe(2);
    expect([map.get('a'), map.get('b')]).toEqual([10, 2]);
    map.set('c', 3);
    expect(map.get('a')).toBeUndefined();
  });

  it('stays bounded under a stream of distinct keys', () => {
    const map = new BoundedMap<number, number>(16);
    for (let i = 0; i < 10_000; i++) map.set(i, i);
    expect(map.size).toBe(16);
    expect(map.get(9_999)).toBe(9_999);
    map.clear();
    expect(map.size).toBe(0);
  });
});
