import autocannon from 'autocannon';

export interface LoadOptions {
  seconds: number;
  connections: number;
}

export interface Load {
  perSecond: number;
  mean: number;
  p50: number;
  p99: number;
}

/**
 * One autocannon run of `GET url` with a Bearer token; any answer but a 200 fails the bench. A
 * rare transport error (nginx closes a client connection after `keepalive_requests`, racing
 * autocannon's next pipelined write) is not an answer, so up to one in a thousand is tolerated.
 */
export async function load(
  name: string,
  url: string,
  token: string,
  o: LoadOptions,
): Promise<Load> {
  const result = await autocannon({
    url,
    connections: o.connections,
    duration: o.seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  const tooManyErrors = result.errors * 1000 > result['2xx'];
  if (tooManyErrors || result.timeouts || result.non2xx || !result['2xx']) {
    throw new Error(
      `case "${name}": ${result['2xx']} ok, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    perSecond: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** Every target loaded once (1 s warm-up), then `rounds` interleaved runs; per target, all runs. */
export async function interleavedLoads(
  targets: Record<string, string>,
  token: string,
  options: LoadOptions & { rounds: number },
): Promise<Map<string, Load[]>> {
  const names = Object.keys(targets);
  const runs = new Map<string, Load[]>(names.map((n) => [n, []]));
  for (const name of names) await load(name, targets[name], token, { ...options, seconds: 1 });
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      runs.get(name)!.push(await load(name, targets[name], token, options));
    }
  }
  return runs;
}
