// Taking an old invisible text layer (an OCR's, drawn in text render mode 3) out of a PDF content stream, so
// that a repaired layer can take its place. Visible text is left alone: only text objects all of whose text is
// drawn invisibly are cut. Strings, comments, dictionaries and inline images are skipped over, not parsed.

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const SHOW = new Set(['Tj', 'TJ', "'", '"']);

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The content's tokens: operands and operators, with strings, names and dictionaries each as one token. */
function* tokens(data: Uint8Array): Generator<Token> {
  let i = 0;
  const n = data.length;
  while (i < n) {
    const c = data[i]!;
    if (WHITE.has(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === 0x25) {
      // % comment to the end of the line
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
      continue;
    }
    if (c === 0x28) {
      // (string) with nested parentheses and backslash escapes
      let depth = 0;
      for (; i < n; i++) {
        const d = data[i]!;
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      i++;
      yield { text: '(', start, end: i };
      continue;
    }
    if (c === 0x3c && data[i + 1] !== 0x3c) {
      while (i < n && data[i] !== 0x3e) i++;
      i++;
      yield { text: '<', start, end: i };
      continue;
    }
    if (c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i += c === 0x3c || c === 0x3e ? 2 : 1;
      yield { text: String.fromCharCode(c), start, end: i };
      continue;
    }
    i++;
    while (i < n && !WHITE.has(data[i]!) && !DELIMITERS.has(data[i]!)) i++;
    const text = Buffer.from(data.subarray(start, i)).toString('latin1');
    yield { text, start, end: i };
    if (text === 'ID') {
      // Inline image data runs to the EI that stands alone between white space.
      i++;
      while (i < n && !(WHITE.has(data[i - 1]!) && data[i] === 0x45 && data[i + 1] === 0x49 && (i + 2 >= n || WHITE.has(data[i + 2]!)))) i++;
      i += 2;
    }
  }
}

/** The content without its invisible text objects; undefined when it has none. */
export function withoutInvisibleText(data: Uint8Array): Uint8Array | undefined {
  const cuts: [number, number][] = [];
  const saved: number[] = [];
  let mode = 0;
  let last = '';
  let block: { start: number; shown: number; visible: boolean } | undefined;
  for (const token of tokens(data)) {
    const t = token.text;
    if (t === 'q') saved.push(mode);
    else if (t === 'Q') mode = saved.pop() ?? 0;
    else if (t === 'Tr') mode = Number(last);
    else if (t === 'BT') block = { start: token.start, shown: 0, visible: false };
    else if (t === 'ET' && block) {
      if (block.shown > 0 && !block.visible) cuts.push([block.start, token.end]);
      block = undefined;
    } else if (SHOW.has(t) && block) {
      block.shown++;
      block.visible ||= mode !== 3;
    }
    last = t;
  }
  if (cuts.length === 0) return undefined;
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [start, end] of cuts) {
    parts.push(data.subarray(at, start), Buffer.from(' '));
    at = end;
  }
  parts.push(data.subarray(at));
  return Buffer.concat(parts);
}
