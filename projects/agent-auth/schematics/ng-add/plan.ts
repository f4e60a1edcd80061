import { InsertChange } from '@schematics/angular/utility/change';
import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';

import { addImports } from './ts-edits';

export const LIBRARY = '@texera/agent-auth';
export const HTTP = '@angular/common/http';

/** The edits to one file, with a line for each thing added and each thing found in place. */
export class FilePlan {
  readonly changes: InsertChange[] = [];
  readonly added: string[] = [];
  readonly present: string[] = [];
  private readonly imports = new Map<string, string[]>();

  constructor(readonly source: ts.SourceFile) {}

  add(what: string, changes: InsertChange | InsertChange[], imports: Record<string, string[]>) {
    this.changes.push(...([] as InsertChange[]).concat(changes));
    this.added.push(what);
    for (const [module, names] of Object.entries(imports)) {
      this.imports.set(module, [...(this.imports.get(module) ?? []), ...names]);
    }
  }

  /** Every change, the TypeScript imports the added code needs included. */
  allChanges(): InsertChange[] {
    const importChanges = [...this.imports].flatMap(([module, names]) =>
      addImports(this.source, module, [...new Set(names)].sort()),
    );
    return [...importChanges, ...this.changes];
  }
}

/** Whether `node` or anything inside it is the identifier `name`. */
export function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  return node.forEachChild((child) => mentions(child, name) || undefined) ?? false;
}
