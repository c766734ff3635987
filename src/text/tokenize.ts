// Splits text into tokens that rebuild it exactly: words the restorer may change, and everything it must not.

export type TokenKind =
  /** Letters only: a syllable or a word the restorer may change. */
  | 'word'
  /** Never touched: numbers, dates, document codes (265-KH/TU), URLs, e-mail addresses. */
  | 'protected'
  /** Spaces, line breaks, punctuation. */
  | 'other';

export interface Token {
  text: string;
  kind: TokenKind;
  /** Offset of the token in the input (UTF-16 units). */
  start: number;
}

const PATTERNS: [TokenKind, string][] = [
  ['protected', String.raw`(?:https?:\/\/|www\.)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]]`],
  ['protected', String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`],
  // Codes and numbers: any run of letters/digits joined by - / . , that holds a digit or a slash (265-KH/TU, 24/4/2025, 2.123).
  ['protected', String.raw`[\p{L}\p{M}\p{N}]+(?:[-/.,][\p{L}\p{M}\p{N}]+)*(?<=\p{N}[\p{L}\p{M}\p{N}]*|\/[\p{L}\p{M}\p{N}]+)(?:[-/.,][\p{L}\p{M}\p{N}]+)*`],
  ['word', String.raw`(?:\p{L}\p{M}*)+`],
  ['other', String.raw`\s+|[^\s\p{L}\p{N}]`],
];

const MASTER = new RegExp(PATTERNS.map(([, source]) => `(${source})`).join('|'), 'gu');

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(MASTER)) {
    const start = match.index!;
    if (start > last) tokens.push({ text: text.slice(last, start), kind: 'other', start: last });
    const group = match.slice(1).findIndex((g) => g !== undefined);
    tokens.push({ text: match[0], kind: PATTERNS[group]![0], start });
    last = start + match[0].length;
  }
  if (last < text.length) tokens.push({ text: text.slice(last), kind: 'other', start: last });
  return tokens;
}
