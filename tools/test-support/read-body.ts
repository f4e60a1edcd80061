// A request's or response's whole body, bounded: the gateway's own reads and the tests' share it.
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}

/** The whole body, refusing more than `limit` bytes. */
export async function readBody(stream: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
