import { AgentSocketTestingController } from './socket-testing-controller';
import { testToken } from './test-token';

const TOKEN = testToken();

describe('AgentSocketTestingController', () => {
  let controller: AgentSocketTestingController;

  /** What the library does: `new AGENT_WEBSOCKET_CTOR(url, protocols)`. */
  const open = (path: string, token: string | null = TOKEN): WebSocket => {
    const url = new URL(path, 'ws://localhost');
    if (token !== null) url.searchParams.set('access-token', token);
    return new controller.webSocketCtor(url.href);
  };

  beforeEach(() => {
    controller = new AgentSocketTestingController('access-token');
  });

  /** Messages must never show a token, only the redacted URL. */
  function thrownMessage(action: () => unknown): string {
    try {
      action();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain(TOKEN.split('.')[1]);
      return message;
    }
    throw new Error('expected a throw');
  }

  it('expectOne takes the socket by its path, its absolute URL or a predicate, token aside', () => {
    const a1 = open('/api/agents/a1/react');
    const a2 = open('/api/agents/a2/react?mode=plan');
    const a3 = open('/api/agents/a3/react');
    expect(controller.expectOne('/api/agents/a1/react').socket).toBe(a1);
    expect(controller.expectOne('ws://localhost/api/agents/a2/react?mode=plan').socket).toBe(a2);
    expect(controller.expectOne((s) => s.url.includes('/a3/')).socket).toBe(a3);
    controller.verify();
  });

  it('a matched socket carries the token the library put in its URL', () => {
    open('/api/agents/a1/react');
    expect(controller.expectOne('/api/agents/a1/react').token).toBe(TOKEN);
  });

  it('expectOne throws, as HttpTestingController does, for none (listing what was opened) and for several', () => {
    open('/api/agents/a1/react');
    expect(thrownMessage(() => controller.expectOne('/api/agents/zz/react'))).toBe(
      'Expected one matching socket for criteria "Match URL: /api/agents/zz/react", found none. ' +
        'Sockets opened are: ws://localhost/api/agents/a1/react?access-token=redacted.',
    );
    open('/api/agents/a1/react');
    expect(thrownMessage(() => controller.expectOne('/api/agents/a1/react'))).toBe(
      'Expected one matching socket for criteria "Match URL: /api/agents/a1/react", found 2 sockets.',
    );
    expect(
      thrownMessage(() =>
        controller.expectOne(function reactSockets() {
          return false;
        }),
      ),
    ).toBe(
      'Expected one matching socket for criteria "Match by function: reactSockets", found none.',
    );
  });

  it('match takes every fitting socket once; expectNone throws when one fits', () => {
    open('/api/agents/a1/react');
    open('/api/agents/a1/react');
    expect(controller.match('/api/agents/a1/react').length).toBe(2);
    expect(controller.match('/api/agents/a1/react')).toEqual([]);
    controller.expectNone('/api/agents/a1/react');
    open('/api/agents/a9/react');
    expect(
      thrownMessage(() => controller.expectNone('/api/agents/a9/react', 'the a9 socket')),
    ).toBe('Expected zero matching sockets for criteria "the a9 socket", found 1.');
  });

  it('verify throws for a socket the app opened and the test never took, token redacted', () => {
    open('/api/agents/a1/react');
    expect(thrownMessage(() => controller.verify())).toBe(
      'Expected no unmatched sockets, found 1: ws://localhost/api/agents/a1/react?access-token=redacted',
    );
    controller.expectOne('/api/agents/a1/react');
    expect(() => controller.verify()).not.toThrow();
  });

  it('the constructor it hands the library builds WebSockets with the WebSocket constants', () => {
    const Ctor = controller.webSocketCtor as unknown as typeof WebSocket;
    expect([Ctor.CONNECTING, Ctor.OPEN, Ctor.CLOSING, Ctor.CLOSED]).toEqual([0, 1, 2, 3]);
    const socket = open('/api/agents/a1/react');
    expect(socket).toBeInstanceOf(Ctor);
    expect(socket).toBeInstanceOf(EventTarget);
    controller.expectOne('/api/agents/a1/react');
  });
});
