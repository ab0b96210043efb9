/**
 * Temporary folders removed when the process is interrupted (Ctrl-C: SIGINT; a CI cancel or `kill`: SIGTERM) or
 * exits while they exist. A `finally` does not run when a signal ends the process, so without this only-new mode's
 * tree at the merge base would stay in the temporary folder. The handlers are there only while a folder is, so a
 * process that has none (or a library user between runs) keeps its own signal behaviour.
 */
import fs from 'node:fs';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const live = new Set<string>();

/** Removes `dir` if the process is interrupted or exits before forgetOnInterrupt(dir). */
export function removeOnInterrupt(dir: string): void {
  if (live.size === 0) listen(true);
  live.add(dir);
}

/** `dir` is removed (or kept) by its owner now. */
export function forgetOnInterrupt(dir: string): void {
  if (!live.delete(dir)) return;
  if (live.size === 0) listen(false);
}

/** Removes every folder still registered (what a signal or the exit does). */
export function removeInterruptedFolders(): void {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
  listen(false);
}

function onSignal(signal: NodeJS.Signals): void {
  removeInterruptedFolders();
  // Listening replaced the default action (ending the process). When no one else listens, raise the signal again so
  // the process ends as it would have: killed by it (a shell reports 130 for SIGINT, 143 for SIGTERM).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function listen(on: boolean): void {
  for (const signal of SIGNALS) (on ? process.on : process.off).call(process, signal, onSignal);
  (on ? process.on : process.off).call(process, 'exit', removeInterruptedFolders);
}
