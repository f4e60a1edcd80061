import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';
import {
  addSymbolToNgModuleMetadata,
  getDecoratorMetadata,
  getMetadataField,
} from '@schematics/angular/utility/ast-utils';
import { InsertChange } from '@schematics/angular/utility/change';

import { FilePlan, HTTP, LIBRARY, mentions } from './plan';
import { NotUnderstood, appendToList, callName, callsNamed, insertBefore } from './ts-edits';
import { type Wiring, configLiteral } from './wiring';

const HTTP_WITH_DI = 'provideHttpClient(withInterceptorsFromDi())';

/** The lines an AppModule needs, for the user to add by hand. */
export function moduleLines(wiring: Wiring): string[] {
  return [
    `import { AgentAuthModule } from '${LIBRARY}';`,
    `// in @NgModule imports, before JwtModule.forRoot(...) when the app has it:`,
    `AgentAuthModule.forRoot(${configLiteral(wiring)}),`,
    `// and, unless the app imports HttpClientModule or already has it, in providers:`,
    `${HTTP_WITH_DI}, // import { provideHttpClient, withInterceptorsFromDi } from '${HTTP}';`,
  ];
}

/** The `name: [...]` array of an @NgModule, undefined when absent, NotUnderstood when not a literal. */
function arrayField(metadata: ts.ObjectLiteralExpression, name: string) {
  const field = getMetadataField(metadata, name)[0];
  if (!field) return undefined;
  if (!ts.isArrayLiteralExpression(field.initializer)) {
    throw new NotUnderstood(`its @NgModule ${name} is not an array literal`);
  }
  return field.initializer;
}

/**
 * An NgModule app's root module (Texera's AppModule): `AgentAuthModule.forRoot(...)` in
 * `imports`, before `JwtModule.forRoot(...)`, and HttpClient running DI interceptors.
 */
export function planAppModule(source: ts.SourceFile, wiring: Wiring): FilePlan {
  const metadata = getDecoratorMetadata(source, 'NgModule', '@angular/core')[0];
  if (!metadata || !ts.isObjectLiteralExpression(metadata)) {
    throw new NotUnderstood('it has no @NgModule({...}) decorator');
  }
  const imports = arrayField(metadata, 'imports');
  if (!imports) throw new NotUnderstood('its @NgModule has no imports: [...] array');
  const providers = arrayField(metadata, 'providers');
  const plan = new FilePlan(source);

  if (mentions(imports, 'AgentAuthModule')) {
    plan.present.push('AgentAuthModule in imports');
  } else {
    const forRoot = `AgentAuthModule.forRoot(${configLiteral(wiring)})`;
    // Ours first: its interceptor is then the outermost, and refuses a malformed token before
    // angular-jwt's decoder would throw on it.
    const jwt = imports.elements.find((e) => callName(e) === 'JwtModule.forRoot');
    plan.add(
      jwt ? `${forRoot} in imports, before JwtModule.forRoot(...)` : `${forRoot} in imports`,
      jwt
        ? [insertBefore(source, imports.elements, jwt, forRoot)]
        : appendToList(source, imports.elements, forRoot),
      { [LIBRARY]: ['AgentAuthModule'] },
    );
  }
  addHttpClient(plan, imports, providers);
  return plan;
}

/** forRoot registers a class interceptor, which runs only with HttpClient's DI interceptors. */
function addHttpClient(
  plan: FilePlan,
  imports: ts.ArrayLiteralExpression,
  providers: ts.ArrayLiteralExpression | undefined,
): void {
  const { source } = plan;
  if (imports.elements.some((e) => ts.isIdentifier(e) && e.text === 'HttpClientModule')) {
    plan.present.push('HttpClientModule in imports (runs class interceptors)');
    return;
  }
  const httpCalls = providers ? callsNamed(providers.elements, 'provideHttpClient') : [];
  if (httpCalls.length > 1) throw new NotUnderstood('provideHttpClient(...) is called twice');
  const http = httpCalls[0];
  if (http) {
    if (callsNamed(http.arguments, 'withInterceptorsFromDi').length) {
      plan.present.push('provideHttpClient(withInterceptorsFromDi()) in providers');
      return;
    }
    if (!http.arguments.every((a) => callName(a) !== undefined)) {
      throw new NotUnderstood('provideHttpClient(...) has arguments that are not feature calls');
    }
    plan.add(
      'withInterceptorsFromDi() in provideHttpClient(...)',
      appendToList(source, http.arguments, 'withInterceptorsFromDi()'),
      { [HTTP]: ['withInterceptorsFromDi'] },
    );
    return;
  }
  plan.add(
    `${HTTP_WITH_DI} in providers`,
    providers
      ? appendToList(source, providers.elements, HTTP_WITH_DI)
      : (addSymbolToNgModuleMetadata(
          source,
          source.fileName,
          'providers',
          HTTP_WITH_DI,
          null,
        ).filter((c) => c instanceof InsertChange) as InsertChange[]),
    { [HTTP]: ['provideHttpClient', 'withInterceptorsFromDi'] },
  );
}
