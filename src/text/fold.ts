// Folding to ASCII and normalising to NFC.

const NON_ASCII = /[^\x00-\x7f]/;

/** "Đẩy mạnh" -> "Day manh": every combining mark dropped, đ -> d, case kept. */
export function foldDiacritics(text: string): string {
  // ASCII has nothing to fold (the common case for words looked up again and again).
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
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
