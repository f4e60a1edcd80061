import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';
import { InsertChange } from '@schematics/angular/utility/change';

/** Thrown when a file has a shape the schematic does not edit; the file is then left alone. */
export class NotUnderstood extends Error {}

/** `f(...)` -> `f`, `A.b(...)` -> `A.b`; anything else -> undefined. */
export function callName(node: ts.Node): string | undefined {
  return ts.isCallExpression(node) ? entityName(node.expression) : undefined;
}

function entityName(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const left = entityName(node.expression);
    return left && `${left}.${node.name.text}`;
  }
  return undefined;
}

/** The calls named `name` among `nodes`. */
export function callsNamed(nodes: readonly ts.Node[], name: string): ts.CallExpression[] {
  return nodes.filter((n): n is ts.CallExpression => callName(n) === name);
}

/** The source text cannot be parsed as TypeScript (a syntax error anywhere). */
export function hasSyntaxErrors(path: string, text: string): boolean {
  const { diagnostics = [] } = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.Latest },
  });
  return diagnostics.length > 0;
}

const lineOf = (source: ts.SourceFile, pos: number) =>
  source.getLineAndCharacterOfPosition(pos).line;

function indentAt(source: ts.SourceFile, pos: number): string {
  const start = source.getPositionOfLineAndCharacter(lineOf(source, pos), 0);
  return /^[ \t]*/.exec(source.text.slice(start))?.[0] ?? '';
}

/** Where a new line may start after `pos`: past a line comment that ends this line, if any. */
function endOfLine(source: ts.SourceFile, pos: number): number {
  const end = source.getLineEndOfPosition(pos);
  return /^\s*(\/\/.*)?$/.test(source.text.slice(pos, end)) ? end : pos;
}

/**
 * Appends `text` to a list (an array literal's elements, a call's arguments) in the list's own
 * layout: on one line, or one per line at the last element's indentation.
 */
export function appendToList(
  source: ts.SourceFile,
  list: ts.NodeArray<ts.Node>,
  text: string,
): InsertChange[] {
  const path = source.fileName;
  const last = list[list.length - 1];
  if (!last) return [new InsertChange(path, list.pos, text)];
  const opening = list.pos;
  if (lineOf(source, opening) === lineOf(source, last.getStart(source))) {
    return [new InsertChange(path, last.getEnd(), `, ${text}`)];
  }
  const indent = indentAt(source, last.getStart(source));
  if (list.hasTrailingComma) {
    const afterComma = source.text.indexOf(',', last.getEnd()) + 1;
    return [new InsertChange(path, endOfLine(source, afterComma), `\n${indent}${text},`)];
  }
  const lineEnd = endOfLine(source, last.getEnd());
  if (lineEnd === last.getEnd()) return [new InsertChange(path, lineEnd, `,\n${indent}${text}`)];
  return [
    new InsertChange(path, last.getEnd(), ','),
    new InsertChange(path, lineEnd, `\n${indent}${text}`),
  ];
}

/** Inserts `text` into a list just before `element`, in the list's layout. */
export function insertBefore(
  source: ts.SourceFile,
  list: ts.NodeArray<ts.Node>,
  element: ts.Node,
  text: string,
): InsertChange {
  const start = element.getStart(source);
  const separator =
    lineOf(source, list.pos) === lineOf(source, start) ? ', ' : `,\n${indentAt(source, start)}`;
  return new InsertChange(source.fileName, start, `${text}${separator}`);
}

/**
 * Adds `names` to the file's named import from `module` (one import statement per module, as a
 * formatter would keep it), or a new import statement after the last one.
 */
export function addImports(
  source: ts.SourceFile,
  module: string,
  names: readonly string[],
): InsertChange[] {
  const imports = source.statements.filter(ts.isImportDeclaration);
  const imported = new Set(
    imports.flatMap((i) => {
      const bindings = i.importClause?.namedBindings;
      return bindings && ts.isNamedImports(bindings)
        ? bindings.elements.map((e) => e.name.text)
        : [];
    }),
  );
  const missing = names.filter((n) => !imported.has(n));
  if (!missing.length) return [];
  const existing = imports.find(
    (i) =>
      ts.isStringLiteral(i.moduleSpecifier) &&
      i.moduleSpecifier.text === module &&
      !i.importClause?.isTypeOnly &&
      i.importClause?.namedBindings &&
      ts.isNamedImports(i.importClause.namedBindings),
  );
  const bindings = existing?.importClause?.namedBindings as ts.NamedImports | undefined;
  if (bindings) return appendToList(source, bindings.elements, missing.join(', '));
  const statement = `import { ${missing.join(', ')} } from '${module}';`;
  const last = imports[imports.length - 1];
  return [
    last
      ? new InsertChange(source.fileName, last.getEnd(), `\n${statement}`)
      : new InsertChange(source.fileName, 0, `${statement}\n`),
  ];
}
