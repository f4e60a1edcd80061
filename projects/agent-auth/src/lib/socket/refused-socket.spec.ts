import { CLOSE_UNAUTHENTICATED } from './close-codes';
import { RefusedWebSocket } from './refused-socket';

describe('RefusedWebSocket', () => {
  it('throws InvalidStateError on send() while connecting, as a browser socket does', () => {
    const socket = new RefusedWebSocket('ws://localhost/api/agents/a1/react', 'missing');
    let thrown: unknown;
    try {
      socket.send();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DOMException);
    expect((thrown as DOMException).name).toBe('InvalidStateError');
  });

  it('once closed, drops what it is given, as a closed browser socket does', async () => {
    const socket = new RefusedWebSocket('ws://localhost/api/agents/a1/react', 'expired');
    const closed = new Promise<CloseEvent>((resolve) => (socket.onclose = resolve));
    const event = await closed;
    expect([event.code, event.reason, event.wasClean]).toEqual([
      CLOSE_UNAUTHENTICATED,
      'expired',
      false,
    ]);
    expect(socket.readyState).toBe(socket.CLOSED);
    expect(() => socket.send()).not.toThrow();
  });
});
