/**
 * Go's time.ParseDuration, which Flux uses for every `interval`, `timeout` and `retryInterval` (metav1.Duration):
 * a sequence of decimal numbers with units ns, us (µs), ms, s, m, h, e.g. `1m0s`, `1.5h`, `90s`. No days: `1d` is an
 * error on the cluster.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or undefined when Go would reject the text. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const [, num, unit] of match[2]!.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(num) * UNIT_MS[unit!]!;
  return match[1] === '-' ? -total : total;
}

/** A duration for messages, in Go's largest-unit style without zero parts: 90000 -> "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(rest % 1000 === 0 ? `${rest / 1000}s` : `${rest}ms`);
  return parts.join('');
}
