// The apps under load, one per variant, each served on Bun by e2e/gateway/elysia-host.ts: an
// Elysia app in Texera's layout with a handful of its agent routes, guarded (or not) four ways.
import { bearer } from '@elysiajs/bearer';
import { jwt } from '@elysiajs/jwt';
import { type AnyElysia, Elysia, status } from 'elysia';
import type { ElysiaAdapter } from 'elysia/adapter';

import { agentAuth } from '../../projects/agent-service-auth/src/elysia';
import { floorVerifier } from '../verify/floor';

export const VARIANTS = {
  none: 'no auth',
  ours: 'ours (agentAuth)',
  oursUncached: 'ours, cache off (cacheSize: 0)',
  jwtBearer: '@elysiajs/jwt + @elysiajs/bearer',
  handRolled: 'hand-rolled (createHmac + timingSafeEqual)',
} as const;

export type Variant = keyof typeof VARIANTS;

export interface BenchAppConfig {
  variant: Variant;
  secret: string;
}

const TOLERANCE_SECONDS = 30;
const ALLOWED = ['REGULAR', 'ADMIN'];
const AGENTS = [
  { id: '1', name: 'Workflow assistant', modelType: 'claude-sonnet-4', state: 'AVAILABLE' },
];
const SETTINGS = { maxSteps: 10, toolTimeoutSeconds: 120, disabledTools: [] };
const unauthorized = () => status(401, { error: 'unauthorized' });
const forbidden = () => status(403, { error: 'forbidden' });

/** A few of Texera's agent routes, the same for every variant. */
function routes(router: AnyElysia): AnyElysia {
  return router
    .get('/', () => ({ agents: AGENTS }))
    .get('/:id', ({ params: { id } }) => AGENTS.find((a) => a.id === id) ?? status(404))
    .get('/:id/settings', () => SETTINGS)
    .get('/:id/react-steps', () => ({ steps: [], state: 'AVAILABLE' }))
    .post('/:id/stop', () => ({ status: 'stopping' }));
}

/** The official plugins doing the same checks as ours: HS256 only, exp (30 s skew), role. */
function jwtBearerGuard(secret: string) {
  return new Elysia()
    .use(bearer())
    .use(jwt({ name: 'jwt', secret: secret.toLowerCase() }))
    .derive({ as: 'scoped' }, async ({ bearer: token, jwt: verifier }) => {
      const payload = await verifier.verify(token, {
        algorithms: ['HS256'],
        clockTolerance: TOLERANCE_SECONDS,
      });
      if (!payload) return unauthorized();
      if (!ALLOWED.includes(String(payload['role']))) return forbidden();
      return { agentUser: payload };
    });
}

/** What a service writes by hand (bench only): Bearer parsing, createHmac, timingSafeEqual, role. */
function handRolledGuard(secret: string) {
  const verify = floorVerifier(secret, TOLERANCE_SECONDS);
  return new Elysia().derive({ as: 'scoped' }, ({ request }) => {
    const match = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (!match) return unauthorized();
    let claims: Record<string, unknown>;
    try {
      claims = verify(match[1]);
    } catch {
      return unauthorized();
    }
    if (!ALLOWED.includes(String(claims['role']))) return forbidden();
    return { agentUser: claims };
  });
}

/** Each guard, as `.use()` takes it: an instance, or a function of the app (ours). */
function guard({ variant, secret }: BenchAppConfig): AnyElysia | ((app: Elysia) => AnyElysia) {
  switch (variant) {
    case 'none':
      return new Elysia();
    case 'ours':
      return agentAuth({ secret });
    case 'oursUncached':
      return agentAuth({ secret, verifierOptions: { cacheSize: 0 } });
    case 'jwtBearer':
      return jwtBearerGuard(secret);
    case 'handRolled':
      return handRolledGuard(secret);
  }
}

export function createBenchApp(config: BenchAppConfig, _io: unknown, adapter?: ElysiaAdapter) {
  const agentsRouter = routes(new Elysia({ prefix: '/agents' }).use(guard(config)));
  return new Elysia(adapter ? { adapter } : {}).group('/api', (app) =>
    app.get('/healthcheck', () => ({ status: 'ok' })).use(agentsRouter),
  );
}
