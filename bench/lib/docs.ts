import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { format, resolveConfig } from 'prettier';

import { type Report, goalLines, markdownTable } from './report';

const DOCS = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

const INTRO = `# Benchmarks

Every speed and size claim about agent-auth comes from one command, which runs each of our cases
side by side with the baselines a user would pick instead, in the same process and the same run,
and reports ratios. Absolute figures vary from machine to machine and run to run; the ratios are
what to read. \`npm run bench -- --json\` prints the same report as JSON; \`npm run bench -- --smoke\`
(part of \`npm test\`) only checks that every case still works; \`--only=interceptor,size,app-size,verify,gateway,elysia\`
runs some sections; \`npm run bench -- --write-docs\` rewrites this file. The library is built
first (\`npm run pack:lib\`), and every figure about it is of that packed package as installed.

How each section is measured, and what the baselines are:

1. **Interceptor**: each \`HttpInterceptorFn\` (or \`HTTP_INTERCEPTORS\` class) is called as
   HttpClient calls it, inside \`runInInjectionContext\` of an application injector made by
   \`createApplication\`, with a \`next\` that answers at once; no TestBed, no HTTP. Cases: the
   floor (an interceptor that only does \`req.clone({ setHeaders })\`), ours on an agent call, ours
   on a non-agent call, ours in its class form (what \`AgentAuthModule.forRoot\` registers, as Texera
   would), and \`@auth0/angular-jwt\`'s \`JwtInterceptor\` configured as Texera's \`app.module.ts\`
   configures it (\`skipWhenExpired: true\`, \`throwNoTokenError: false\`,
   \`disallowedRoutes: ["forum/api/users", "api/config/pre-login"]\`). Every case gets the same token from the same getter.
   One esbuild bundle (production: minified, \`ngDevMode\` off) runs in Node (with a \`document\`
   stand-in) and in headless Chromium (a page on loopback, driven by Playwright). Before timing,
   each case must set (or, off the agent API, not set) \`Authorization: Bearer <token>\`.
2. **Bundle size**: the FESM each package ships, minified by esbuild with the same settings and
   gzipped. Angular and rxjs stay external (the app has them anyway); \`jwt-decode\` is bundled
   into ours, since angular-jwt carries its own base64url/JSON decoder inline.
   **What an app pays** (2b): one minimal standalone app (\`bench/app-size/app\`: \`provideRouter\`,
   HttpClient, one GET) built by \`ng build\` in production mode four ways: HttpClient only;
   \`@auth0/angular-jwt\` configured as Texera's AppModule (\`skipWhenExpired: true\`,
   \`throwNoTokenError: false\`, \`disallowedRoutes: ["forum/api/users", "api/config/pre-login"]\`,
   through \`withInterceptorsFromDi\`); ours in full use (interceptor, \`AgentSocketFactory.open\`,
   \`failures$\`); ours for HTTP only. Ours is the packed tarball as installed (\`node_modules/@texera/agent-auth\`, partial
   compilation), linked as an app links the published package. Figures: \`main.js\` gzip -9 and its growth
   over the first build. 2c splits the full-use growth by original source file through the
   build's source map, which chains the library FESM's own map.
3. **Token verification** (\`@texera/agent-service-auth\`): the floor is written in the bench only
   (split, base64url, \`createHmac\` + \`timingSafeEqual\`, \`JSON.parse\`, alg and exp checks);
   \`jose\` naive imports a fresh \`Uint8Array\` key on every call; \`jsonwebtoken\` gets a
   \`KeyObject\`. Every case must refuse a token signed with another secret. "ours" is the
   verifier as shipped, whose cache of verified tokens serves the repeated token after its first
   check; "cache off" (\`cacheSize: 0\`) is what a token costs the first time it is seen.
4. **Gateway**: autocannon on loopback, \`GET /api/agents\` with a valid token, straight to the
   agent-service stub, through \`e2e/gateway\` (Envoy ext_authz behaviour) and through nginx with
   \`deploy/nginx\` (when nginx is installed). Every response must be a 200.
5. **Elysia plugin on Bun** (\`@texera/agent-service-auth/elysia\`): autocannon on loopback,
   \`GET /api/agents\` with a valid token on an Elysia app in Texera's layout (a handful of its
   agent routes on \`new Elysia({ prefix: '/agents' })\` inside \`.group('/api', ...)\`), one Bun
   child process per variant: no auth; ours (\`agentAuth\`, as shipped); ours with the verifier's
   cache off (what a token costs the first time it is seen); \`@elysiajs/jwt\` + \`@elysiajs/bearer\`
   doing the same checks (HS256 only, exp with 30 s skew, role REGULAR/ADMIN); and a hand-rolled
   check written in the bench only (Bearer parsing, \`createHmac\` + \`timingSafeEqual\`, alg, exp,
   role), the approach Texera's agent-service takes today. Before loading, every guarded variant
   must answer 401 to a missing, forged and expired token and 403 to RESTRICTED. Throughput is
   shown with its spread over the rounds; it swings with whatever else the machine runs, so the
   goals are judged on the steadier in-process cost per request (\`app.handle()\`, lowest of the
   rounds), and the verdict does not flip on a loaded machine when nothing changed.
`;

export function markdownReport(report: Report): string {
  const parts = [
    INTRO,
    '## Latest run',
    '',
    `Machine: ${report.machine}.`,
    '',
    `Command: \`${report.command}\` (${report.seconds} s).`,
  ];
  for (const section of report.sections) {
    parts.push('', `### ${section.title}`, '', section.method, '', markdownTable(section));
    if (section.goals.length) {
      parts.push('', ...goalLines(section).map((line) => `- ${line}`));
    }
  }
  return parts.join('\n') + '\n';
}

export async function writeDocs(report: Report): Promise<void> {
  const options = await resolveConfig(DOCS);
  await writeFile(DOCS, await format(markdownReport(report), { ...options, filepath: DOCS }));
}
