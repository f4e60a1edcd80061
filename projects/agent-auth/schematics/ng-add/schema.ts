/** The options of `ng add @texera/agent-auth` (ng-add/schema.json). */
export interface NgAddOptions {
  project?: string;
  /** Empty or absent: read from the app's routes, else `/login`. */
  loginRoute?: string;
  /** Comma-separated; empty or absent: the library's default apiPaths. */
  apiPaths?: string;
}
