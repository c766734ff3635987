// Folding to ASCII and normalising to NFC.

const NON_ASCII = /[^\x00-\x7f]/;

/** "Đẩy mạnh" -> "Day manh": every combining mark dropped, đ -> d, case kept. */
export function foldDiacritics(text: string): string {
  // ASCII has nothing to fold (the common case for words looked up again and again).
  if (!NON_ASCII.test(text)) return text;
  return LATIN_ONLY.test(text) ? foldLatin(text) : foldByNormalizing(text);
}

function foldByNormalizing(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * Precomposed Latin letters (Vietnamese among them) decompose into a base letter and marks that are all
 * dropped, so they fold one by one, from a table filled on first sight: the same result without normalizing.
 */
const LATIN_ONLY = /^[\x00-\u024f\u1e00-\u1eff]*$/;
const folded = new Map<number, string>();

function foldLatin(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += text[i];
      continue;
    }
    let f = folded.get(code);
    if (f === undefined) folded.set(code, (f = foldByNormalizing(text[i]!)));
    out += f;
  }
  return out;
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
