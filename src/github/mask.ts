/** The token never reaches a log: every occurrence is replaced, as the runner masks secrets. */
export function maskToken(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('***') : text;
}
