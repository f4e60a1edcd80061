import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentlySetMap } from '../src/recently-set-map.js';

/** The keys a map holds, probed with get() so the test sees only the public behaviour. */
function held(map: RecentlySetMap<string, number>, keys: string[]): string[] {
  return keys.filter((key) => map.get(key) !== undefined);
}

describe('RecentlySetMap', () => {
  it('holds at most limit entries, dropping the one set first', () => {
    const map = new RecentlySetMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('c', 3);
    assert.equal(map.size, 2);
    assert.deepEqual(held(map, ['a', 'b', 'c']), ['b', 'c']);
    assert.equal(map.get('c'), 3);
  });

  it('is first in, first out: reading an entry does not keep it longer', () => {
    const map = new RecentlySetMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    assert.equal(map.get('a'), 1);
    map.set('c', 3);
    assert.deepEqual(held(map, ['a', 'b', 'c']), ['b', 'c']);
  });

  it('setting a key it holds replaces the value, moves it to the newest end, drops nobody', () => {
    const map = new RecentlySetMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 10);
    assert.deepEqual([map.size, map.get('a'), map.get('b')], [2, 10, 2]);
    map.set('c', 3);
    assert.deepEqual(held(map, ['a', 'b', 'c']), ['a', 'c'], 'b was the oldest by then');
  });

  it('with limit 0 keeps nothing', () => {
    const map = new RecentlySetMap<string, number>(0);
    map.set('a', 1);
    assert.deepEqual([map.size, map.get('a')], [0, undefined]);
  });

  it('delete frees a place without dropping anyone else', () => {
    const map = new RecentlySetMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    assert.equal(map.delete('a'), true);
    assert.equal(map.delete('a'), false);
    map.set('c', 3);
    assert.deepEqual(held(map, ['a', 'b', 'c']), ['b', 'c']);
  });
});
