import { tokenFingerprint } from '../token/token';
import { isStaleRefusal } from './stale-refusal';

describe('isStaleRefusal', () => {
  const sent = tokenFingerprint('a.b.c');

  it('is true only when another, usable token is stored now', () => {
    expect(isStaleRefusal(sent, { usable: true, token: 'd.e.f', exp: null })).toBeTrue();
    expect(isStaleRefusal(sent, { usable: true, token: 'a.b.c', exp: null })).toBeFalse();
    expect(isStaleRefusal(sent, { usable: false, reason: 'missing' })).toBeFalse();
    expect(isStaleRefusal(sent, { usable: false, reason: 'expired' })).toBeFalse();
  });
});
