// Each public entry point of the two packages, as users import it, compared with the API report
// checked in beside the package (`projects/<package>/api/*.api.md`). API Extractor reads the
// built declaration files, so what is compared is what ships, not the sources.
// `node tools/api-report/api-report.mjs --update` rewrites the reports after a deliberate change.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The packages, where their build lands, and how to build it when it is missing. */
export const PACKAGES = [
  {
    name: 'agent-auth',
    dist: 'dist/agent-auth',
    build: ['npm', 'run', 'build:lib'],
    sources: 'projects/agent-auth',
  },
  {
    name: 'agent-service-auth',
    dist: 'dist/agent-service-auth',
    build: ['npm', 'run', 'build:server'],
    sources: 'projects/agent-service-auth',
  },
];

/** The newest modification time of the package's own sources (its tests and reports aside). */
function newestSource(folder) {
  return readdirSync(join(ROOT, folder), { recursive: true })
    .map(String)
    .filter(
      (name) => /\.(ts|json|mjs)$/.test(name) && !/(^|\/)(api|test[^/]*|tarball)\//.test(name),
    )
    .reduce((newest, name) => Math.max(newest, statSync(join(ROOT, folder, name)).mtimeMs), 0);
}

/**
 * Builds a package unless its build is newer than its sources (the package suite has usually just
 * built the library); throws with the build's output.
 */
export function ensureBuilt(pkg) {
  const manifest = join(ROOT, pkg.dist, 'package.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSource(pkg.sources)) return;
  const [cmd, ...args] = pkg.build;
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${pkg.build.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/** Every entry point a package's `exports` declares with types: [subpath, declaration file]. */
export function entryPoints(pkg) {
  const manifest = JSON.parse(readFileSync(join(ROOT, pkg.dist, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'object' && target.types)
    .map(([subpath, target]) => ({
      subpath,
      types: join(ROOT, pkg.dist, target.types),
      report: `${pkg.name}${subpath === '.' ? '' : '-' + subpath.slice(2).replaceAll('/', '-')}.api.md`,
    }));
}

/**
 * Runs API Extractor on one entry point. `update` writes the report; otherwise a difference is a
 * failure. Returns { changed, messages } with the compiler's and extractor's errors and warnings.
 */
export function checkEntry(pkg, entry, { update = false } = {}) {
  const temp = mkdtempSync(join(tmpdir(), 'api-report-'));
  const reportFolder = join(ROOT, 'projects', pkg.name, 'api');
  mkdirSync(reportFolder, { recursive: true });
  const messages = [];
  try {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: join(ROOT, pkg.dist),
        mainEntryPointFilePath: entry.types,
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              strict: true,
              skipLibCheck: true,
              module: 'nodenext',
              moduleResolution: 'nodenext',
              target: 'es2022',
              lib: ['es2022', 'dom'],
              types: [],
            },
            files: [entry.types],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: entry.report,
          reportFolder,
          reportTempFolder: temp,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          extractorMessageReporting: {
            // Written into the report, so a forgotten export shows up in review, not in the log.
            default: { logLevel: 'warning', addToApiReportFile: true },
            'ae-undocumented': { logLevel: 'none' },
            // Release tags (@public/@beta) are not how these packages mark their surface.
            'ae-missing-release-tag': { logLevel: 'none' },
            // Underscore-free ɵ exports are private by convention, not by tag.
            'ae-internal-missing-underscore': { logLevel: 'none' },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
      configObjectFullPath: join(ROOT, pkg.dist, 'api-extractor.json'),
      packageJsonFullPath: join(ROOT, pkg.dist, 'package.json'),
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      messageCallback: (message) => {
        if (message.logLevel === 'error' || message.logLevel === 'warning')
          messages.push(message.formatMessageWithLocation(ROOT));
        message.handled = true;
      },
    });
    return { changed: result.apiReportChanged, messages };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  let failed = false;
  for (const pkg of PACKAGES) {
    ensureBuilt(pkg);
    for (const entry of entryPoints(pkg)) {
      const { changed, messages } = checkEntry(pkg, entry, { update });
      for (const line of messages) console.error(`  ${line}`);
      const where = `projects/${pkg.name}/api/${entry.report}`;
      if (changed && !update) failed = true;
      console.log(`${changed ? (update ? 'updated' : 'CHANGED') : 'same   '} ${where}`);
    }
  }
  if (failed) console.error('The public API changed: review, then run `npm run api:update`.');
  process.exit(failed ? 1 : 0);
}
