/** An in-memory CliIO for running the CLI in-process. */
import type { CliIO } from '../../src/cli.js';

export interface CapturedIO extends CliIO {
  out(): string;
  err(): string;
}

export function captureIO(overrides: Partial<CliIO> = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    isTTY: false,
    env: {},
    ...overrides,
    out: () => out,
    err: () => err,
  };
}

/** Stderr without the note a repository of objects without a Flux entry point gets (src/cli/notices.ts). */
export function withoutEntryPointNote(stderr: string): string {
  return stderr.replace(/^gitops-lint: note: \d+ Kubernetes objects? but no Flux entry point .*\n/m, '');
}
