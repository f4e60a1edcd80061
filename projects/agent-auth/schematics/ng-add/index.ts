import { type Rule, SchematicsException, type Tree } from '@angular-devkit/schematics';
import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';
import { readWorkspace } from '@schematics/angular/utility';
import { applyToUpdateRecorder } from '@schematics/angular/utility/change';
import { getAppModulePath, isStandaloneApp } from '@schematics/angular/utility/ng-ast-utils';
import { findAppConfig } from '@schematics/angular/utility/standalone/app_config';
import {
  findBootstrapApplicationCall,
  getMainFilePath,
} from '@schematics/angular/utility/standalone/util';

import { planAppConfig, standaloneLines } from './app-config';
import { moduleLines, planAppModule } from './app-module';
import { routePaths, signInRoute } from './login-route';
import type { FilePlan } from './plan';
import { type FileOutcome, type RouteChoice, report } from './report';
import type { NgAddOptions } from './schema';
import { NotUnderstood, hasSyntaxErrors } from './ts-edits';
import { type Wiring, checkedPath, parseApiPaths } from './wiring';

/** `ng add @texera/agent-auth`: wires the app, then says what it did and what is left. */
export function ngAdd(options: NgAddOptions): Rule {
  return async (tree, context) => {
    const { name, sourceRoot } = await application(tree, options.project);
    const route = loginRoute(tree, sourceRoot, options.loginRoute);
    const wiring: Wiring = { loginRoute: route.path, apiPaths: parseApiPaths(options.apiPaths) };
    const outcome = wire(tree, await getMainFilePath(tree, name), wiring);
    context.logger.info(report(outcome, route));
  };
}

async function application(tree: Tree, requested: string | undefined) {
  const workspace = await readWorkspace(tree);
  const apps = [...workspace.projects].filter(
    ([, p]) => p.extensions['projectType'] === 'application',
  );
  const found = requested ? apps.find(([n]) => n === requested) : apps[0];
  if (!found) {
    throw new SchematicsException(
      requested
        ? `--project: "${requested}" is not an application of this workspace (${apps.map(([n]) => n).join(', ') || 'none'}).`
        : 'This workspace has no application to add @texera/agent-auth to.',
    );
  }
  const [name, project] = found;
  return { name, sourceRoot: project.sourceRoot ?? `${project.root}/src` };
}

function loginRoute(tree: Tree, sourceRoot: string, option: string | undefined): RouteChoice {
  if (option?.trim())
    return { path: checkedPath('login-route', option), why: 'from --login-route' };
  const found: { route: string; file: string }[] = [];
  tree.getDir(sourceRoot).visit((file) => {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) return;
    const text = tree.readText(file);
    if (!/\bpath\s*:/.test(text)) return;
    const route = signInRoute(
      routePaths(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)),
    );
    if (route) found.push({ route, file });
  });
  const best = signInRoute(found.map((f) => f.route.slice(1)));
  const from = found.find((f) => f.route === best);
  if (best && from)
    return { path: best, why: `the sign-in route found in ${from.file.replace(/^\//, '')}` };
  return {
    path: '/login',
    why:
      'the default: no route named login, sign-in, signin or log-in was found; ' +
      'run again with --login-route=<your sign-in page> to change it (Texera: /about)',
  };
}

/** Edits the file that holds the app's root wiring, or says why not and what to add. */
function wire(tree: Tree, mainPath: string, wiring: Wiring): FileOutcome {
  const bothShapes = [
    ...standaloneLines(wiring),
    '// or, for an NgModule app:',
    ...moduleLines(wiring),
  ];
  if (hasSyntaxErrors(mainPath, tree.readText(mainPath))) {
    return manual(mainPath, 'it does not parse as TypeScript', bothShapes);
  }
  if (isStandaloneApp(tree, mainPath)) {
    const config = findAppConfig(findBootstrapApplicationCall(tree, mainPath), tree, mainPath);
    if (!config) {
      return manual(
        mainPath,
        'bootstrapApplication is not given an app config it can follow',
        standaloneLines(wiring),
      );
    }
    const source = config.node.getSourceFile();
    return edit(
      tree,
      config.filePath,
      source,
      () => planAppConfig(source, config.node, wiring),
      standaloneLines(wiring),
    );
  }
  let modulePath: string;
  try {
    modulePath = getAppModulePath(tree, mainPath);
  } catch (e) {
    if (!(e instanceof SchematicsException)) throw e;
    return manual(
      mainPath,
      'it calls neither bootstrapApplication nor bootstrapModule',
      bothShapes,
    );
  }
  if (!tree.exists(modulePath)) {
    return manual(
      modulePath,
      'the module bootstrapModule names is not at this path',
      moduleLines(wiring),
    );
  }
  const source = ts.createSourceFile(
    modulePath,
    tree.readText(modulePath),
    ts.ScriptTarget.Latest,
    true,
  );
  return edit(tree, modulePath, source, () => planAppModule(source, wiring), moduleLines(wiring));
}

function edit(
  tree: Tree,
  path: string,
  source: ts.SourceFile,
  plan: () => FilePlan,
  lines: string[],
): FileOutcome {
  const where = path.replace(/^\//, '');
  if (hasSyntaxErrors(path, source.text))
    return manual(where, 'it does not parse as TypeScript', lines);
  let planned: FilePlan;
  try {
    planned = plan();
  } catch (e) {
    if (e instanceof NotUnderstood) return manual(where, e.message, lines);
    throw e;
  }
  const changes = planned.allChanges();
  if (changes.length) {
    const recorder = tree.beginUpdate(path);
    applyToUpdateRecorder(recorder, changes);
    tree.commitUpdate(recorder);
  }
  const { added, present } = planned;
  return { kind: changes.length ? 'updated' : 'unchanged', path: where, added, present };
}

function manual(path: string, reason: string, lines: string[]): FileOutcome {
  return { kind: 'manual', path: path.replace(/^\//, ''), reason, lines };
}
