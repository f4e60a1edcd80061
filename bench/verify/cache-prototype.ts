import type { AgentTokenVerifier, AgentUser } from '../../projects/agent-service-auth/src/index';

/**
 * PROTOTYPE, bench only: what a verified-token cache inside createAgentTokenVerifier would gain.
 * Keyed by the whole token (so a hit is the very bytes already verified), bounded, oldest entry
 * evicted first, a hit honoured only while jose would still accept the token (now < exp +
 * tolerance), failures never cached, and the map lives in the verifier's closure so it goes
 * away with it (a new secret means a new verifier, hence an empty cache).
 */
export function withVerifiedTokenCache(
  verifier: AgentTokenVerifier,
  { limit = 1024, clockToleranceSeconds = 30, now = Date.now } = {},
): AgentTokenVerifier {
  const verified = new Map<string, AgentUser>();
  return {
    async verify(token) {
      if (typeof token === 'string') {
        const hit = verified.get(token);
        if (hit !== undefined) {
          if (now() / 1000 < hit.exp + clockToleranceSeconds) return { ...hit };
          verified.delete(token);
        }
      }
      const user = await verifier.verify(token);
      if (verified.size >= limit) verified.delete(verified.keys().next().value!);
      verified.set(token as string, { ...user });
      return user;
    },
  };
}
