/** Where the CLI and its commands read and write: the process in the bin, memory in tests. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stdout is a terminal (colour is only used then). */
  isTTY: boolean;
  /** Defaults to process.env (NO_COLOR, DEBUG). */
  env?: Record<string, string | undefined>;
  /** Directory relative paths are resolved from; defaults to process.cwd(). */
  cwd?: string;
  /** Width of the terminal stdout is (stylish wraps long messages to it); undefined when not a terminal. */
  columns?: number;
  /** Standard input as text (the pre-push hook's refs); defaults to reading process.stdin. */
  stdin?: () => Promise<string>;
}
