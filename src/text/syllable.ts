// A Vietnamese syllable as onset + rhyme + tone, and the rules that say where its tone mark goes.

/** 0 ngang, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;
export type ToneStyle = 'old' | 'new';

const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;
const MARK_TO_TONE = new Map<string, Tone>(TONE_MARKS.map((m, i) => [m, i as Tone]).filter(([m]) => m !== '') as [string, Tone][]);

const ONSETS = ['ngh', 'ng', 'nh', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'ch', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x'];

// Every rhyme of standard Vietnamese, toneless (after an onset; "qu"/"gi" take the u/i).
const RHYMES = new Set(
  `a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
   e eo ec em en eng ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu
   iêc iêm iên iêng iêp iêt iêu y yêm yên yêng yêt yêu
   o oc oi om on ong op ot oong ooc ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
   u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt ư ưa ưc ưi ưm ưn ưng ưt ưu
   ươc ươi ươm ươn ương ươp ươt ươu oa oac oach oai oam oan oang oanh oao oap oat oay
   oăc oăm oăn oăng oăt oe oec oen oeo oet uâ uân uâng uât uây uê uêch uênh uy uych uyn uynh uyp uyt uya uyu
   uyên uyêt uơ`.split(/\s+/),
);

const STOP_CODAS = /(?:c|ch|p|t)$/;
const VOWELS = 'aăâeêioôơuưy';

export interface Syllable {
  onset: string;
  /** Toneless rhyme, lower case, NFC (vowel hats and horns kept). */
  rhyme: string;
  tone: Tone;
}

/** Splits a lower-case NFC syllable; undefined when it is not built like a Vietnamese syllable. */
export function parseSyllable(word: string): Syllable | undefined {
  const decomposed = word.normalize('NFD');
  let tone: Tone = 0;
  let bare = '';
  for (const ch of decomposed) {
    const t = MARK_TO_TONE.get(ch);
    if (t === undefined) bare += ch;
    else if (tone !== 0) return undefined;
    else tone = t;
  }
  bare = bare.normalize('NFC');
  let onset = ONSETS.find((o) => bare.startsWith(o)) ?? '';
  // "gi" and "qu" are onsets only before another vowel: "gì" is g + i, "gia" is gi + a.
  if ((onset === 'gi' || onset === 'qu') && !(bare.length > 2 && VOWELS.includes(bare[2]!))) onset = onset === 'gi' ? 'g' : '';
  const rhyme = bare.slice(onset.length);
  if (!RHYMES.has(rhyme)) return undefined;
  if (STOP_CODAS.test(rhyme) && tone !== 1 && tone !== 5) return undefined;
  return { onset, rhyme, tone };
}

export function isValidSyllable(word: string): boolean {
  return parseSyllable(word.toLowerCase()) !== undefined;
}

/** Index in `rhyme` of the vowel that carries the tone mark. */
function toneVowelIndex(rhyme: string, style: ToneStyle): number {
  const vowels: number[] = [];
  for (let i = 0; i < rhyme.length; i++) if (VOWELS.includes(rhyme[i]!)) vowels.push(i);
  const nucleusEnd = vowels[vowels.length - 1]! + 1;
  const hatted = vowels.filter((i) => 'ăâêôơư'.includes(rhyme[i]!));
  if (hatted.length > 0) return hatted[hatted.length - 1]!;
  if (vowels.length === 1) return vowels[0]!;
  if (nucleusEnd < rhyme.length) return vowels[vowels.length - 1]!; // closed syllable: last vowel
  if (vowels.length === 3) return vowels[1]!;
  const pair = rhyme.slice(vowels[0], nucleusEnd);
  if (style === 'new' && (pair === 'oa' || pair === 'oe' || pair === 'uy')) return vowels[1]!;
  return vowels[0]!;
}

export function composeSyllable(s: Syllable, style: ToneStyle = 'old'): string {
  if (s.tone === 0) return s.onset + s.rhyme;
  const at = toneVowelIndex(s.rhyme, style);
  const rhyme = s.rhyme.slice(0, at + 1) + TONE_MARKS[s.tone] + s.rhyme.slice(at + 1);
  return (s.onset + rhyme).normalize('NFC');
}

/** Moves a word's tone mark to where the style puts it ("hoá" -> "hóa" in old style); other words pass through. */
export function applyToneStyle(word: string, style: ToneStyle): string {
  const casing = caseOf(word);
  const parsed = parseSyllable(word.toLowerCase());
  return parsed ? applyCase(composeSyllable(parsed, style), casing) : word;
}

export type Casing = 'lower' | 'title' | 'upper' | 'mixed';

export function caseOf(word: string): Casing {
  const lower = word.toLowerCase();
  if (word === lower) return 'lower';
  if (word === word.toUpperCase()) return word.length > 1 ? 'upper' : 'title';
  if (word[0] !== lower[0] && word.slice(1) === lower.slice(1)) return 'title';
  return 'mixed';
}

export function applyCase(word: string, casing: Casing): string {
  if (casing === 'upper') return word.toUpperCase();
  if (casing === 'title') return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}
