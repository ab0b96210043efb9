/** Minimal ANSI styling for terminal output; identity functions when colour is off. */

export interface Styles {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const on: Styles = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  underline: sgr(4, 24),
};

const same = (s: string) => s;
const off: Styles = { red: same, yellow: same, cyan: same, green: same, dim: same, bold: same, underline: same };

export function styles(color: boolean): Styles {
  return color ? on : off;
}

/**
 * Make text from the repo safe for a terminal: line breaks become spaces (one finding, one row) and other
 * control characters (escape sequences hidden in YAML) become visible \u escapes.
 */
export function printable(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
