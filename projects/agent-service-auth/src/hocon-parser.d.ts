// @pushcorn/hocon-parser ships no types; this is the slice of its API this package uses.
declare module '@pushcorn/hocon-parser' {
  interface HoconParseOptions {
    /** Path or URL of the file to parse (relative includes resolve against it). */
    url?: string;
    text?: string;
    /** Spec-compliant mode: values stay strings, no transforms or include shorthands. */
    strict?: boolean;
    /** Whether `${VAR}` substitutions may fall back to process.env. */
    env?: boolean;
    /** Looked up for substitutions before the environment. */
    scope?: Record<string, unknown>;
    required?: boolean;
  }
  function parse(options: HoconParseOptions): Promise<unknown>;
  export default parse;
}
