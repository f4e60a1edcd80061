import { ACCESS_TOKEN_KEY, readStoredToken } from './stored-token';

describe('readStoredToken', () => {
  // Held directly: some specs below make the global `localStorage` throw until they end.
  const storage = localStorage;
  afterEach(() => storage.removeItem(ACCESS_TOKEN_KEY));

  it('reads localStorage["access_token"], where Texera keeps it', () => {
    localStorage.setItem('access_token', 'a.b.c');
    expect(readStoredToken()).toBe('a.b.c');
  });

  it('is null when nothing is stored', () => {
    expect(readStoredToken()).toBeNull();
  });

  it('is null, not an exception, when storage refuses to be read (privacy mode, sandbox)', () => {
    spyOn(Storage.prototype, 'getItem').and.throwError(new DOMException('denied', 'SecurityError'));
    expect(readStoredToken()).toBeNull();
  });

  it('is null when there is no localStorage at all (server rendering)', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')!;
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: undefined });
    try {
      expect(readStoredToken()).toBeNull();
    } finally {
      Object.defineProperty(globalThis, 'localStorage', descriptor);
    }
  });

  it('is null when merely touching localStorage throws (an opaque-origin iframe)', () => {
    spyOnProperty(globalThis, 'localStorage').and.throwError(
      new DOMException('denied', 'SecurityError'),
    );
    expect(readStoredToken()).toBeNull();
  });
});
