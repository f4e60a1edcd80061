import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';

/**
 * Route paths that name a sign-in page, best first. `/about` is Texera's sign-in page, but in
 * most apps it is an about page, so it is never guessed: Texera passes `--login-route=/about`.
 */
const SIGN_IN_NAMES = ['login', 'sign-in', 'signin', 'log-in'];

/** Every route path declared in a file (`{ path: '...' }`, children joined to their parent). */
export function routePaths(source: ts.SourceFile): string[] {
  const paths: string[] = [];
  const visit = (node: ts.Node, prefix: string): void => {
    const path = ts.isObjectLiteralExpression(node) ? stringProperty(node, 'path') : undefined;
    if (path === undefined) {
      node.forEachChild((child) => visit(child, prefix));
      return;
    }
    const full = [prefix, path].filter((p) => p !== '').join('/');
    paths.push(full);
    const children = (node as ts.ObjectLiteralExpression).properties.find(
      (p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'children',
    );
    if (children) visit(children, full);
  };
  visit(source, '');
  return paths;
}

function stringProperty(node: ts.ObjectLiteralExpression, name: string): string | undefined {
  for (const p of node.properties) {
    if (
      ts.isPropertyAssignment(p) &&
      ts.isIdentifier(p.name) &&
      p.name.text === name &&
      ts.isStringLiteralLike(p.initializer)
    ) {
      return p.initializer.text;
    }
  }
  return undefined;
}

/** The sign-in route among `paths` (its last segment named like one), shortest first; or none. */
export function signInRoute(paths: readonly string[]): string | undefined {
  for (const name of SIGN_IN_NAMES) {
    const matches = paths
      .filter((p) => !/[:*]/.test(p) && p.split('/').pop()?.toLowerCase() === name)
      .sort((a, b) => a.length - b.length);
    if (matches.length) return `/${matches[0]}`;
  }
  return undefined;
}
