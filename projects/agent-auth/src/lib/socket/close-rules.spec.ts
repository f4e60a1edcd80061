import {
  MAX_TIMER_MS,
  closeVerdict,
  mayBeSignOut,
  refusedTokenReason,
  msUntilExpiry,
} from './close-rules';

describe('closeVerdict', () => {
  const cases: [number, boolean, boolean, string][] = [
    [4401, true, false, 'rejected'],
    [1008, true, false, 'rejected'],
    [4403, true, false, 'forbidden'],
    [4401, false, false, 'rejected'],
    [1000, true, false, 'none'],
    [1001, true, false, 'none'],
    [1006, true, false, 'none'],
    [1006, false, false, 'probe'],
    [1006, false, true, 'none'],
  ];
  for (const [code, opened, closedByApp, verdict] of cases) {
    it(`code ${code}, opened=${opened}, closedByApp=${closedByApp} -> ${verdict}`, () => {
      expect(closeVerdict(code, opened, closedByApp)).toBe(verdict);
    });
  }
});

describe('msUntilExpiry', () => {
  it('counts to exp plus the leeway, never below zero', () => {
    expect(msUntilExpiry(100, 0, 40_000)).toBe(60_000);
    expect(msUntilExpiry(100, 30, 40_000)).toBe(90_000);
    expect(msUntilExpiry(100, 0, 100_000)).toBe(0);
    expect(msUntilExpiry(100, 0, 500_000)).toBe(0);
  });

  it('can exceed what one setTimeout can wait (the factory waits in hops)', () => {
    expect(msUntilExpiry(4_102_444_800, 0, 0)).toBeGreaterThan(MAX_TIMER_MS);
  });
});

describe('refusedTokenReason', () => {
  it('is expired once the token sent had reached exp plus leeway, else rejected', () => {
    expect(refusedTokenReason(100, 0, 100_000)).toBe('expired');
    expect(refusedTokenReason(100, 0, 99_999)).toBe('rejected');
    expect(refusedTokenReason(100, 30, 110_000)).toBe('rejected');
    expect(refusedTokenReason(100, 30, 130_000)).toBe('expired');
    expect(refusedTokenReason(null, 0, 1e15)).toBe('rejected');
  });
});

describe('mayBeSignOut', () => {
  const area = localStorage;
  const event = (
    key: string | null,
    newValue: string | null,
    storageArea: Storage | null = area,
  ) => ({
    key,
    newValue,
    storageArea,
  });

  it('is the token removed, or the whole storage cleared, in the area the token lives in', () => {
    expect(mayBeSignOut(event('access_token', null), 'access_token', area)).toBeTrue();
    expect(mayBeSignOut(event(null, null), 'access_token', area)).toBeTrue();
  });

  it('is not a replaced token, nor another key', () => {
    expect(mayBeSignOut(event('access_token', 'a.b.c'), 'access_token', area)).toBeFalse();
    expect(mayBeSignOut(event('access_token', ''), 'access_token', area)).toBeFalse();
    expect(mayBeSignOut(event('theme', null), 'access_token', area)).toBeFalse();
  });

  it('is never a change to another storage area (sessionStorage.clear() in a frame)', () => {
    expect(mayBeSignOut(event(null, null, sessionStorage), 'access_token', area)).toBeFalse();
    expect(mayBeSignOut(event('access_token', null, null), 'access_token', area)).toBeFalse();
    expect(mayBeSignOut(event(null, null), 'access_token', null)).toBeFalse();
  });
});
