// Names in the languages of the Central Highlands and the north (Bahnar, Jrai, Ê Đê, M'Nông, Hmông...), written
// in Vietnamese letters but not as Vietnamese syllables: "Glong", "Kbang", "Brơm", "Păh", "H'leo", "Đak Đoa".

/** An onset Vietnamese never writes: a stop or h before l, r or another stop ("Kr", "Gl", "Kb", "Hm"). */
const CLUSTER = /^(?:[bdgkp][lr]|k[bdpt]|h[lrmn]|[sj]r|dj)/;
/** A letter and an apostrophe before the rest ("H'leo", "M'Nông", "B'Nơ"). */
const GLOTTAL = /^\p{L}['’]\p{L}/u;
/** A vowel closed by h, k, l, r or s, which no Vietnamese syllable ends in ("Păh", "Đak", "Kơl"). */
const CODA = /[aăâeêioôơuưy\u0300-\u036f][hklrs]$/;
const VOWEL = /[aăâeêioôơuưy]/;

/** Whether a lower-case word is shaped as such a name (and not as a Vietnamese syllable: the caller asks that). */
export function isMinorityShaped(lower: string): boolean {
  const bare = lower.normalize('NFD');
  if (!/^[\p{L}\p{M}'’]+$/u.test(bare) || !VOWEL.test(bare)) return false;
  return CLUSTER.test(bare) || GLOTTAL.test(lower) || CODA.test(bare);
}
