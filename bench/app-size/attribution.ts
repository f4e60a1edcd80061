import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

import { SourceMapConsumer } from 'source-map-js';

/**
 * The library FESM's own map, when `source` (relative to `root`) is one of its FESM files: the
 * app build names only the FESM, so its bytes are traced one map further to `src/lib/**.ts`.
 */
function fesmMap(root: string, source: string): SourceMapConsumer | null {
  if (!/@texera\/agent-auth\/fesm2022\/[^/]+\.mjs$/.test(source)) return null;
  const file = join(root, source + '.map');
  return existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8'))) : null;
}

/**
 * Minified characters of `code` per original source file, counted as source-map-explorer does:
 * each generated segment, up to the next one on its line, belongs to the source its mapping
 * names. Given `root` (what the map's sources are relative to), the library FESM's bytes are
 * split by the library's own source files through the FESM's map.
 */
export function bytesBySource(code: string, map: string, root?: string): Map<string, number> {
  const lines = code.split('\n');
  const segments: { line: number; column: number; source: string }[] = [];
  const chained = new Map<string, SourceMapConsumer | null>();
  const sourceOf = (source: string | null, line: number, column: number): string => {
    if (source === null) return '[unmapped]';
    if (root === undefined) return source;
    if (!chained.has(source)) chained.set(source, fesmMap(root, source));
    const consumer = chained.get(source);
    if (!consumer) return source;
    const original = consumer.originalPositionFor({ line, column });
    if (!original.source) return `${source} [unmapped]`;
    const file = relative(root, normalize(join(dirname(join(root, source)), original.source)));
    // The FESM's map points back into the workspace the package was built in.
    return file.replace(/^.*?(projects\/agent-auth\/)/, '$1');
  };
  new SourceMapConsumer(JSON.parse(map)).eachMapping(
    (m) =>
      segments.push({
        line: m.generatedLine,
        column: m.generatedColumn,
        source: sourceOf(m.source, m.originalLine ?? 0, m.originalColumn ?? 0),
      }),
    null,
    SourceMapConsumer.GENERATED_ORDER,
  );
  const bytes = new Map<string, number>();
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const end = next?.line === segment.line ? next.column : lines[segment.line - 1].length;
    bytes.set(segment.source, (bytes.get(segment.source) ?? 0) + end - segment.column);
  });
  return bytes;
}

/** What `variant` has beyond `baseline`, per source, largest first. */
export function addedBySource(
  variant: Map<string, number>,
  baseline: Map<string, number>,
): { source: string; bytes: number }[] {
  return [...variant]
    .map(([source, bytes]) => ({ source, bytes: bytes - (baseline.get(source) ?? 0) }))
    .filter((row) => row.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}
