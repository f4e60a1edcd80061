import { FakeWebSocket } from './fake-web-socket';
import { TestWebSocket } from './test-web-socket';

const URL_WITH_TOKEN = 'ws://localhost/api/agents/a1/react?access-token=t0k3n';

/** A fake socket and the test's handle on its server side. */
function connect(url: string | URL = URL_WITH_TOKEN, protocols?: string | string[]) {
  let server!: TestWebSocket;
  const socket = new FakeWebSocket(url, protocols, (wire, s) => {
    server = new TestWebSocket(s, 't0k3n', wire);
  });
  return { socket, server };
}

/** Every event the socket fires, as "type" or "close code reason clean", with readyState. */
function record(socket: WebSocket): string[] {
  const log: string[] = [];
  for (const type of ['open', 'message', 'error', 'close']) {
    socket.addEventListener(type, (event) => {
      const close = event as CloseEvent;
      const detail =
        type === 'close'
          ? ` ${close.code} ${close.reason || '-'} ${close.wasClean}`
          : type === 'message'
            ? ` ${String((event as MessageEvent).data)}`
            : '';
      log.push(`${type}${detail} @${socket.readyState}`);
    });
  }
  return log;
}

const microtask = () => Promise.resolve();

describe('FakeWebSocket (the socket an app gets from AgentSocketTestingController)', () => {
  it('is an EventTarget with the WebSocket constants on the class and the instance', () => {
    const { socket } = connect();
    expect(socket).toBeInstanceOf(EventTarget);
    expect([
      FakeWebSocket.CONNECTING,
      FakeWebSocket.OPEN,
      FakeWebSocket.CLOSING,
      FakeWebSocket.CLOSED,
    ]).toEqual([0, 1, 2, 3]);
    expect([socket.CONNECTING, socket.OPEN, socket.CLOSING, socket.CLOSED]).toEqual([0, 1, 2, 3]);
    expect(socket.readyState).toBe(WebSocket.CONNECTING);
    expect(socket.binaryType).toBe('blob');
    expect(socket.protocol).toBe('');
    expect(socket.extensions).toBe('');
    expect(socket.bufferedAmount).toBe(0);
  });

  it('parses its URL as the browser does: http(s) becomes ws(s), a fragment or another scheme throws', () => {
    expect(connect('http://localhost/api/agents/a1/react').socket.url).toBe(
      'ws://localhost/api/agents/a1/react',
    );
    expect(connect(new URL('https://Host.example/a')).socket.url).toBe('wss://host.example/a');
    for (const bad of ['ws://localhost/a#frag', 'ftp://localhost/a', 'not a url']) {
      expect(() => connect(bad))
        .withContext(bad)
        .toThrow(jasmine.objectContaining({ name: 'SyntaxError' }));
    }
  });

  it('on* handlers and listeners run in the order they were registered, as in the browser', () => {
    const { socket, server } = connect();
    const order: string[] = [];
    socket.addEventListener('open', () => order.push('listener 1'));
    socket.onopen = () => order.push('first handler');
    socket.addEventListener('open', () => order.push('listener 2'));
    // Replacing a handler keeps its place; `this` is the socket.
    socket.onopen = function (this: WebSocket) {
      order.push(`handler (this is the socket: ${this === socket})`);
    };
    server.open();
    expect(order).toEqual(['listener 1', 'handler (this is the socket: true)', 'listener 2']);
  });

  it('a handler set to null no longer runs, and set again it runs after the listeners', () => {
    const { socket, server } = connect();
    const order: string[] = [];
    socket.onmessage = () => order.push('dropped');
    socket.onmessage = null;
    expect(socket.onmessage).toBeNull();
    socket.addEventListener('message', () => order.push('listener'));
    socket.onmessage = () => order.push('handler');
    server.open();
    server.receive('hi');
    expect(order).toEqual(['listener', 'handler']);
  });

  it('send() throws while connecting, records while open, drops silently once closing', async () => {
    const { socket, server } = connect();
    expect(() => socket.send('early')).toThrow(
      jasmine.objectContaining({ name: 'InvalidStateError' }),
    );
    server.open();
    socket.send('one');
    socket.send('two');
    socket.close();
    socket.send('late');
    await microtask();
    socket.send('later');
    expect(server.sent).toEqual(['one', 'two']);
  });

  it("the app's close() of an open socket ends, asynchronously, in a clean close event with its code", async () => {
    const { socket, server } = connect();
    const log = record(socket);
    server.open();
    socket.close(4401, 'expired');
    expect(socket.readyState).toBe(WebSocket.CLOSING);
    expect(log).toEqual(['open @1']);
    // A handler assigned right after close() still hears it, as with a real socket.
    let heard: CloseEvent | null = null;
    socket.onclose = (event) => (heard = event);
    await microtask();
    expect(log).toEqual(['open @1', 'close 4401 expired true @3']);
    expect(heard).toBeInstanceOf(CloseEvent);
    expect(server.clientClose).toEqual({ code: 4401, reason: 'expired' });
  });

  it('close() without a code reports 1005 (no status), and a second close() is ignored', async () => {
    const { socket, server } = connect();
    const log = record(socket);
    server.open();
    socket.close();
    socket.close(1000);
    await microtask();
    expect(log).toEqual(['open @1', 'close 1005 - true @3']);
    expect(server.clientClose).toEqual({ code: undefined, reason: undefined });
  });

  it('close() while connecting fails the connection: error, then close 1006, not clean', async () => {
    const { socket } = connect();
    const log = record(socket);
    socket.close(1000);
    expect(socket.readyState).toBe(WebSocket.CLOSING);
    await microtask();
    expect(log).toEqual(['error @3', 'close 1006 - false @3']);
  });

  it('close() refuses what the browser refuses: codes other than 1000 and 3000-4999, reasons over 123 bytes', () => {
    const { socket } = connect();
    for (const code of [999, 1001, 1006, 2999, 5000]) {
      expect(() => socket.close(code))
        .withContext(String(code))
        .toThrow(jasmine.objectContaining({ name: 'InvalidAccessError' }));
    }
    expect(() => socket.close(1000, 'é'.repeat(62))).toThrow(
      jasmine.objectContaining({ name: 'SyntaxError' }),
    );
    expect(socket.readyState).toBe(WebSocket.CONNECTING);
  });

  it('binaryType decides how a binary frame arrives; other values arrive as their JSON', async () => {
    const { socket, server } = connect();
    const data: unknown[] = [];
    socket.onmessage = (event) => data.push(event.data);
    server.open();
    server.receive(new Uint8Array([1, 2]).buffer);
    socket.binaryType = 'arraybuffer';
    server.receive(new Uint8Array([0, 3, 4, 0]).subarray(1, 3));
    server.receive({ type: 'step', n: 1 });
    expect(data[0]).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (data[0] as Blob).arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    expect(new Uint8Array(data[1] as ArrayBuffer)).toEqual(new Uint8Array([3, 4]));
    expect(data[2]).toBe('{"type":"step","n":1}');
    expect(() => server.receive(new Blob(['x']))).toThrowError(/arraybuffer/);
  });

  it('a message event carries the origin of the socket URL', () => {
    const { socket, server } = connect('wss://app.example:8443/api/agents/a1/react');
    let origin = '';
    socket.onmessage = (event) => (origin = event.origin);
    server.open();
    server.receive('x');
    expect(origin).toBe('wss://app.example:8443');
  });
});

describe('TestWebSocket (the server side a test drives)', () => {
  it('open() accepts one of the protocols the app asked for, and no other', () => {
    const { socket, server } = connect(URL_WITH_TOKEN, ['v2', 'v1']);
    expect(() => server.open('v3')).toThrowError(/asked for \[v2, v1\], not "v3"/);
    server.open('v1');
    expect(socket.protocol).toBe('v1');
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it("refuse() is the browser's view of a refused upgrade: CLOSED, error, then close 1006", () => {
    const { socket, server } = connect();
    const log = record(socket);
    server.refuse();
    expect(log).toEqual(['error @3', 'close 1006 - false @3']);
  });

  it('close(code, reason) is the server closing: one clean close event, CLOSED first', () => {
    const { socket, server } = connect();
    const log = record(socket);
    server.open();
    server.receive('frame');
    server.close(4401, 'token expired');
    expect(log).toEqual(['open @1', 'message frame @1', 'close 4401 token expired true @3']);
  });

  it('the server can answer a close the app began, and the close event fires once', async () => {
    const { socket, server } = connect();
    const log = record(socket);
    server.open();
    socket.close(1000, 'bye');
    server.close(1000, 'bye');
    await microtask();
    expect(log).toEqual(['open @1', 'close 1000 bye true @3']);
  });

  it('every action checks the state a real server could act in, and names it', () => {
    const { server } = connect();
    expect(() => server.receive('x')).toThrowError(
      'TestWebSocket.receive(): the socket is CONNECTING, not OPEN',
    );
    expect(() => server.close(4401)).toThrowError(
      'TestWebSocket.close(): the socket is CONNECTING, not OPEN or CLOSING',
    );
    server.open();
    expect(() => server.open()).toThrowError(/is OPEN, not CONNECTING/);
    expect(() => server.refuse()).toThrowError(/is OPEN, not CONNECTING/);
    server.close();
    expect(() => server.receive('x')).toThrowError(/is CLOSED, not OPEN/);
  });

  it('exposes the URL as the app opened it and the token it carried', () => {
    const { server } = connect();
    expect(server.url).toBe(URL_WITH_TOKEN);
    expect(server.token).toBe('t0k3n');
  });
});
