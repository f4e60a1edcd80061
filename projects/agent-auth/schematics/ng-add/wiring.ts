import { SchematicsException } from '@angular-devkit/schematics';

/** What the schematic writes into the app: the config passed to provideAgentAuth / forRoot. */
export interface Wiring {
  loginRoute: string;
  apiPaths: string[] | undefined;
}

// These values are written into the app's source, so only plain path characters get through:
// nothing that could close a string literal or start another expression.
const APP_PATH = /^\/[A-Za-z0-9\-._~/]*$/;

/** A route or API path as the library takes it, or a SchematicsException naming the option. */
export function checkedPath(option: string, value: string): string {
  const path = value.trim();
  if (!APP_PATH.test(path) || path.startsWith('//')) {
    throw new SchematicsException(
      `--${option}: "${value}" is not an app path (one leading "/", then letters, digits, "-._~/").`,
    );
  }
  return path;
}

/** `--api-paths=/api/agents,/api/models` as a list; empty or absent means the library's default. */
export function parseApiPaths(value: string | undefined): string[] | undefined {
  const paths = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paths.length ? paths.map((p) => checkedPath('api-paths', p)) : undefined;
}

/** The config literal, e.g. `{ loginRoute: '/about', apiPaths: ['/api/agents'] }`. */
export function configLiteral({ loginRoute, apiPaths }: Wiring): string {
  const keys = [`loginRoute: '${loginRoute}'`];
  if (apiPaths) keys.push(`apiPaths: [${apiPaths.map((p) => `'${p}'`).join(', ')}]`);
  return `{ ${keys.join(', ')} }`;
}
