export { foldDiacritics, foldKey, hasDiacritics, toNfc } from './fold.js';
export { decodeLegacy, detectLegacyEncoding, type LegacyEncoding } from './legacy.js';
export { applyCase, applyToneStyle, caseOf, composeSyllable, isValidSyllable, parseSyllable, type Syllable, type Tone } from './syllable.js';
export { tokenize, type Token, type TokenKind } from './tokenize.js';
