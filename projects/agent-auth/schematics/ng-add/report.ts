/** What happened to one file: edited, already wired, or left alone with the lines to add. */
export type FileOutcome =
  | { kind: 'updated' | 'unchanged'; path: string; added: string[]; present: string[] }
  | { kind: 'manual'; path: string; reason: string; lines: string[] };

export interface RouteChoice {
  path: string;
  /** Where the route came from, said to the user. */
  why: string;
}

const NEXT_STEPS = [
  'Next steps:',
  '  - The agent socket: replace `new WebSocket(url)` with `inject(AgentSocketFactory).open(path)`',
  '    (a path such as `/api/agents/${id}/react`; the handlers you assign stay as they are).',
  '  - Specs: `provideAgentAuthTesting({ token })`, `AgentSocketTestingController` and `testToken()`',
  "    come from '@texera/agent-auth/testing'.",
  "  - An app with its own global 401 interceptor (as Texera's UnauthorizedHttpInterceptor): add",
  "    `!isAgentAuthOwned(req) &&` to its 401 check (import { isAgentAuthOwned } from '@texera/agent-auth'),",
  "    so exactly one of the two handles an agent call's 401/403.",
  "  - Third-party license lists (Texera's LICENSE-binary): @texera/agent-auth (Apache-2.0) and",
  '    jwt-decode (MIT).',
];

/** The text `ng add` prints: each file and what changed in it, the login route, the next steps. */
export function report(outcome: FileOutcome, route: RouteChoice): string {
  const lines = ['@texera/agent-auth:'];
  if (outcome.kind === 'manual') {
    lines.push(
      `  NOT CHANGED ${outcome.path}: ${outcome.reason}. Add these lines by hand:`,
      ...outcome.lines.map((l) => `      ${l}`),
    );
  } else {
    lines.push(`  ${outcome.kind === 'updated' ? 'UPDATED' : 'UNCHANGED'} ${outcome.path}`);
    lines.push(...outcome.added.map((a) => `    + ${a}`));
    lines.push(...outcome.present.map((p) => `    = ${p} (already there)`));
  }
  lines.push(`  loginRoute '${route.path}': ${route.why}.`, '', ...NEXT_STEPS);
  return lines.join('\n');
}
