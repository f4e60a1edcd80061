import { SourceMapConsumer } from 'source-map-js';

/**
 * Minified characters of `code` per original source file, counted as source-map-explorer does:
 * each generated segment, up to the next one on its line, belongs to the source its mapping
 * names. The app build chains the library FESM's own map, so the library's bytes are split by
 * its `src/lib/*.ts` files.
 */
export function bytesBySource(code: string, map: string): Map<string, number> {
  const lines = code.split('\n');
  const segments: { line: number; column: number; source: string }[] = [];
  new SourceMapConsumer(JSON.parse(map)).eachMapping(
    (m) =>
      segments.push({
        line: m.generatedLine,
        column: m.generatedColumn,
        source: m.source ?? '[unmapped]',
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
