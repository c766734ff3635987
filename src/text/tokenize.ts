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
  /**
   * The input's text the token stands for, where OCR's word boundaries were redrawn (restore/channel/ocr-reshape):
   * "ngư ờ" for the merged "người"; "" for the space put between the halves of "Chithường".
   */
  from?: string;
}

const PATTERNS: [TokenKind, string][] = [
  ['protected', String.raw`(?:https?:\/\/|www\.)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]]`],
  ['protected', String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`],
  // A bare domain ("quangngai.gov.vn", "thuvienphapluat.vn"): ASCII labels ending in a common top-level domain.
  ['protected', String.raw`[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org|edu|gov|info|int)(?![\p{L}\p{M}\p{N}])`],
  // Codes and numbers: any run of letters/digits joined by - / . , that holds a digit or a slash (265-KH/TU, 24/4/2025, 2.123).
  ['protected', String.raw`[\p{L}\p{M}\p{N}]+(?:[-/.,][\p{L}\p{M}\p{N}]+)*(?<=\p{N}[\p{L}\p{M}\p{N}]*|\/[\p{L}\p{M}\p{N}]+)(?:[-/.,][\p{L}\p{M}\p{N}]+)*`],
  ['word', String.raw`(?:\p{L}\p{M}*)+`],
  ['other', String.raw`\s+|[^\s\p{L}\p{N}]`],
];

/** The definition of the tokens; the scanner below takes it wherever a code, e-mail, URL or domain may start. */
const MASTER = new RegExp(PATTERNS.map(([, source]) => `(${source})`).join('|'), 'gu');

// Character classes of UTF-16 code units, filled in as they are first seen.
const UNSEEN = 0;
const SPACE = 1;
const LETTER = 2;
const MARK = 3;
const DIGIT = 4;
/** Punctuation that no code, e-mail address or URL can hold. */
const PUNCT = 5;
/** Separators of codes (265-KH/TU, 2.123) that cannot start an e-mail address. */
const SEP = 6;
/** Characters of the name part of an e-mail address (a.b_c@...), which also join codes. */
const NAME = 7;
const AT = 8;
/** Half of an astral character: left to the regex. */
const SURROGATE = 9;
const CLASS = new Uint8Array(0x10000);

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  const k =
    code >= 0xd800 && code <= 0xdfff ? SURROGATE
    : /\s/.test(ch) ? SPACE
    : /\p{L}/u.test(ch) ? LETTER
    : /\p{M}/u.test(ch) ? MARK
    : /\p{N}/u.test(ch) ? DIGIT
    : ch === '@' ? AT
    : ch === '/' || ch === ',' ? SEP
    : '._%+-'.includes(ch) ? NAME
    : PUNCT;
  CLASS[code] = k;
  return k;
}

function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const k = CLASS[code]!;
  return k === UNSEEN ? classify(code) : k;
}

/** Whether what follows a separator at i cannot continue a code or an e-mail address. */
const closes = (text: string, i: number): boolean => {
  if (i + 1 === text.length) return true;
  const k = classAt(text, i + 1);
  return k === SPACE || k === PUNCT || k === SEP;
};

/** Whether a letter after the character at i starts afresh: after a digit or a slash, codes look behind ("NNT)/Tổ"). */
function standsApart(text: string, i: number): boolean {
  const k = classAt(text, i);
  return k === SPACE || k === PUNCT || k === NAME || k === AT || (k === SEP && text.charCodeAt(i) !== 0x2f);
}

/**
 * A run of non-space characters longer than this is kept whole as one protected token: no word, code, e-mail
 * address or URL is that long, and the regex's work on one run grows with its length squared (a 2 MB line of
 * "a-a-a-..." or of combining marks took minutes).
 */
export const MAX_RUN = 256;

/** End of the run of non-space characters that starts at i, and whether a code can start inside it at a combining mark. */
function scanRun(text: string, i: number): { end: number; codeAtMark: boolean } {
  let j = i;
  let codeAtMark = false;
  for (let k = classAt(text, j); j < text.length && k !== SPACE; k = classAt(text, ++j)) {
    // A code needs a digit or a slash; an astral character may be a digit.
    if (k === DIGIT || k === SURROGATE || text.charCodeAt(j) === 0x2f) codeAtMark = true;
  }
  return { end: j, codeAtMark };
}

const startsUrl = (text: string, i: number): boolean => text.startsWith('www.', i) || text.startsWith('http://', i) || text.startsWith('https://', i);

/**
 * Tokens as MASTER matches them, in order. Plain words, spaces and punctuation, nearly all of a text,
 * are scanned by character class; the regex runs only where a number, code, e-mail address or URL may be.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let codeAtMark = true;
  while (i < n) {
    const k = classAt(text, i);
    if (k === SPACE) {
      let j = i + 1;
      while (j < n && classAt(text, j) === SPACE) j++;
      tokens.push({ text: text.slice(i, j), kind: 'other', start: i });
      i = j;
      continue;
    }
    if (i === 0 || classAt(text, i - 1) === SPACE) {
      const run = scanRun(text, i);
      if (run.end - i > MAX_RUN) {
        tokens.push({ text: text.slice(i, run.end), kind: 'protected', start: i });
        i = run.end;
        continue;
      }
      codeAtMark = run.codeAtMark;
    }
    // A combining mark with no letter before it is punctuation to the regex too, unless a code may start there;
    // the regex would try every code ending in the run at each mark (minutes for a line of stray marks).
    if (k === MARK && !codeAtMark) {
      tokens.push({ text: text[i]!, kind: 'other', start: i });
      i++;
      continue;
    }
    if (k === PUNCT || k === SEP || k === AT || (k === NAME && closes(text, i))) {
      tokens.push({ text: text[i]!, kind: 'other', start: i });
      i++;
      continue;
    }
    if (k === LETTER && !startsUrl(text, i) && (i === 0 || standsApart(text, i - 1))) {
      let j = i + 1;
      let next = j < n ? classAt(text, j) : SPACE;
      while (next === LETTER || next === MARK) next = ++j < n ? classAt(text, j) : SPACE;
      // The letters are a word unless a digit, an @, an astral letter or a separator before more follows.
      if (next === SPACE || next === PUNCT || ((next === SEP || next === NAME) && closes(text, j))) {
        tokens.push({ text: text.slice(i, j), kind: 'word', start: i });
        i = j;
        continue;
      }
    }
    i = matchAt(text, i, tokens);
  }
  return tokens;
}

/** The regex's next match from i (and any unmatched gap before it); returns where it ends. */
function matchAt(text: string, i: number, tokens: Token[]): number {
  MASTER.lastIndex = i;
  const match = MASTER.exec(text);
  if (!match) {
    tokens.push({ text: text.slice(i), kind: 'other', start: i });
    return text.length;
  }
  if (match.index > i) tokens.push({ text: text.slice(i, match.index), kind: 'other', start: i });
  let group = 1;
  while (match[group] === undefined) group++;
  tokens.push({ text: match[0], kind: PATTERNS[group - 1]![0], start: match.index });
  return match.index + match[0].length;
}
