// Folding to ASCII and normalising to NFC.

const NON_ASCII = /[^\x00-\x7f]/;

/** "Đẩy mạnh" -> "Day manh": every combining mark dropped, đ -> d, case kept. */
export function foldDiacritics(text: string): string {
  // ASCII has nothing to fold (the common case for words looked up again and again).
  if (!NON_ASCII.test(text)) return text;
  return foldByCharacter(text) ?? foldByNormalizing(text);
}

function foldByNormalizing(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * Characters fold one by one, from a table filled on first sight: normalizing decomposes each character on its
 * own and only reorders marks, all of which folding drops, so the result is the same as long as no character
 * leaves a mark behind (Vietnamese letters, punctuation, quotes and dashes leave none). Null for a text with a
 * character that does, or with half of a surrogate pair: it is normalized whole.
 */
const folded = new Map<number, string | null>();

function foldByCharacter(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += text[i];
      continue;
    }
    let f = folded.get(code);
    if (f === undefined) folded.set(code, (f = (code & 0xf800) === 0xd800 ? null : alone(text[i]!)));
    if (f === null) return null;
    out += f;
  }
  return out;
}

/** A character's fold, or null when it leaves a mark behind (one that normalizing could reorder). */
function alone(c: string): string | null {
  const f = foldByNormalizing(c);
  return /\p{M}/u.test(f) ? null : f;
}

/** The key words are looked up by: folded and lower case. */
export function foldKey(word: string): string {
  return foldDiacritics(word).toLowerCase();
}

export function hasDiacritics(word: string): boolean {
  return foldDiacritics(word) !== word;
}

/** NFC, whatever mix of composed and decomposed forms came in. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}
