// Restores diacritics line by line: tokens -> candidates -> beam search -> the text rebuilt with every
// non-word (spacing, punctuation, numbers, codes) exactly where it was.
import { detectLegacyEncoding, decodeLegacy } from '../text/legacy.js';
import { foldKey, hasDiacritics } from '../text/fold.js';
import { applyCase, applyToneStyle, caseOf, isValidSyllable, type Casing, type ToneStyle } from '../text/syllable.js';
import { tokenize, type Token } from '../text/tokenize.js';
import { isMinorityShaped } from '../text/minority.js';
import type { InputMode, RestoreChange, RestoreResult } from '../types.js';
import { CandidateIndex, canonical, type Candidate, type ChannelSettings } from './candidates.js';
import { confidenceAt, decode } from './decoder.js';
import { ethAsD, giveEthBack } from './eth.js';
import { harmoniseNames } from './doc-names.js';
import { isRarerName } from './doubt.js';
import { FormCache } from './form-cache.js';
import { capsLines, ocrCasing } from './channel/ocr-case.js';
import { reshapeOcrTokens } from './channel/ocr-reshape.js';
import { ocrWordTokens, repairCode } from './channel/ocr-tokens.js';
import { OcrChannel } from './channel/ocr-channel.js';
import { detectMode, keepUnaccentedBonus, paragraphMode, paragraphs } from './detect.js';
import { inTextOrder, lineLocator, wordConfidences } from './offsets.js';
import { SENTENCE_END } from './sentences.js';
import type { LanguageModel } from './lm/model.js';

/**
 * Learned OCR channel tables by the OCR model that damaged the text, and `vieScans`: the readings of real scans
 * laid over `vie` for pages OCR'd here.
 */
export type ChannelFiles = Partial<Record<'eng' | 'vie' | 'vieScans', string>>;

export interface RestoreOptions {
  mode?: InputMode | 'auto';
  /** OCR confidence (0..100) of each whitespace-separated word of the text, in order, when known. */
  confidences?: number[];
  /** Where the text came from: OCR'd text that reads as correct Vietnamese is treated as Vietnamese OCR. */
  source?: 'ocr' | 'text';
  /** Only the restored text is wanted: `changes` stays empty, which saves scoring each change's confidence. */
  textOnly?: boolean;
}

// A vertical bar is a table's ruled line as OCR reads it: the words on either side are in different cells, and
// the one after it starts its cell as a sentence does (a Title Case "Chỉ bộ" there is no name).
const BREAK = /[.,;:!?()[\]{}…\n|]/;
const BREAK_CHARS = '.,;:!?()[]{}…\n|';
const CELL_RULE = '|';
/** Spacing with a single line break. */
const WRAP = /^[^\S\n]*\n[^\S\n]*$/;
const MAX_CANDIDATES = 8;
/** log10 channel score from which an OCR'd word in capitals is read as a syllable, not kept as an acronym. */
const OCR_CAPITALS_PRIOR = -1.2;

/** What the restorer makes of a token, shared by every occurrence of the same word (cached). */
interface Slot {
  /** Candidates; a single fixed one for words that are never changed. */
  candidates: Candidate[];
  /** Whether the restorer may change this token. */
  open: boolean;
  /** The word's text when it is kept: in the configured tone style, or a code repaired in OCR'd text; numbers are kept as they are. */
  kept?: string;
  /** The case a chosen syllable is written in. */
  casing: Casing;
  /** Whether the first candidate is the word as Vietnamese-model OCR read it, a syllable. */
  asRead?: boolean;
  /** Whether the word is written in Title Case (caseOf), which a name inside a sentence is. */
  title: boolean;
  /** This slot with the names' evidence added, made when the word is first met inside a sentence. */
  named?: Slot;
}

export class Restorer {
  /** Every accented form of a folded key the model knows, most frequent first. */
  readonly index: CandidateIndex;
  private readonly channels = new Map<string, OcrChannel>();
  /** The forms chosen so far in the text being restored (stripped text only). */
  private readonly formCache: FormCache;

  constructor(
    readonly model: LanguageModel,
    readonly toneStyle: ToneStyle,
    private readonly protectedWords: ReadonlySet<string>,
    private readonly channelFiles: ChannelFiles = {},
  ) {
    this.index = new CandidateIndex(model);
    this.formCache = new FormCache(model);
    this.protectedSlot = { candidates: [{ id: model.num, prior: 0 }], open: false, casing: 'lower', title: false };
    this.hasNames = model.names.some((n) => n > 0);
  }

  /**
   * The OCR channel for a mode, loaded on first use; none for text that was not OCR'd. The residual channel, for
   * text that reads as correct, leaves out the scans' overlay: its marks are as likely printed as lost.
   */
  private channelFor(mode: InputMode, residual = false): OcrChannel | undefined {
    if (mode !== 'ocr-eng' && mode !== 'ocr-vie') return undefined;
    const lang = mode === 'ocr-vie' && this.channelFiles.vie ? 'vie' : 'eng';
    const file = this.channelFiles[lang];
    if (!file) return undefined;
    const overlays = lang === 'vie' && !residual && this.channelFiles.vieScans ? [this.channelFiles.vieScans] : [];
    const key = `${lang}${overlays.length ? '+scans' : ''}`;
    let channel = this.channels.get(key);
    if (!channel) {
      channel = OcrChannel.load(file, this.model, this.index, overlays);
      this.channels.set(key, channel);
    }
    return channel;
  }

  restore(input: string, options: RestoreOptions = {}): RestoreResult {
    const legacy = detectLegacyEncoding(input);
    const given = (legacy ? decodeLegacy(input, legacy) : input).normalize('NFC');
    // OCR's eth is its misreading of the page's Đ, left to the OCR channel and to the structure's checks ("QĐÐ").
    const text = options.source === 'ocr' ? given : ethAsD(given);
    const known = (key: string) => this.index.forms(key).length > 0;
    const all = tokenize(text);
    const isWord = (lower: string) => this.index.isWord(lower);
    const detected = detectMode(all, known, isWord);
    const ocrIfCorrect = (m: InputMode) => (options.source === 'ocr' && m === 'correct' ? 'ocr-vie' : m);
    const chosen = options.mode && options.mode !== 'auto' ? options.mode : undefined;
    const mode = chosen ?? ocrIfCorrect(detected.mode);
    // Paragraphs that clearly read otherwise than the document (an OCR'd page among text-layer pages) get their own mode.
    const blocks = chosen ? [all] : paragraphs(all);

    // Spaces and punctuation go straight to their place in the output; words wait for their stretch's decoding.
    const tokens: Token[] = [];
    const output: string[] = [];
    const changes: RestoreChange[] = [];
    const locate = lineLocator(text);
    const confidenceOf = wordConfidences(text, options.confidences);
    const record = options.textOnly ? undefined : changes;
    const segment: number[] = [];
    const segmentSlots: Slot[] = [];
    let caps: boolean[] | undefined;
    let ocr: OcrChannel | undefined;
    let cache: FormCache | undefined;
    this.formCache.clear();
    const flush = () => {
      // Vietnamese-model OCR reads case right: only English-model OCR's damaged case is re-judged.
      if (segment.length > 0) this.decodeSegment(tokens, segment, segmentSlots, output, record, locate, ocr?.lang === 'eng' ? caps : undefined, cache);
      segment.length = 0;
      segmentSlots.length = 0;
    };
    for (const block of blocks) {
      const own = blocks.length > 1 ? detectMode(block, known, isWord) : detected;
      const read = blocks.length > 1 ? paragraphMode(own) : undefined;
      // English-model OCR that happens to lose every accent in a paragraph is still English-model OCR.
      const blockMode = read && !(mode === 'ocr-eng' && read === 'unaccented') ? ocrIfCorrect(read) : mode;
      const share = blockMode === mode ? detected.accentedShare : own.accentedShare;
      const channel = this.channelFor(blockMode);
      if (channel !== ocr) flush();
      ocr = channel;
      if (ocr?.lang === 'eng') caps ??= capsLines(text);
      // Text that reads as correct may still be OCR with scattered misreadings ("thâm" for thẩm): unless the
      // caller says it is correct, its syllables get the Vietnamese-model channel, their own form strongly kept.
      const residual = blockMode === 'correct' && !chosen ? this.channelFor('ocr-vie', true) : undefined;
      const stripped = blockMode === 'unaccented';
      if (stripped !== (cache !== undefined)) flush();
      cache = stripped ? this.formCache : undefined;
      const settings: ChannelSettings = { keepUnaccented: keepUnaccentedBonus(share, blockMode), maxCandidates: MAX_CANDIDATES, ocr, residual, stripped };
      const slots = this.slotsFor(settings);
      // A Title Case word inside a sentence is mostly a name, whose marks are the page's: the scans' overlay is not
      // its channel (the surname Tô is no Tổ, however often a scan loses the hook of "tổ").
      const learned = channel?.lang === 'vie' ? this.channelFor('ocr-vie', true) : undefined;
      const nameSettings = learned && learned !== channel ? { ...settings, ocr: learned } : settings;
      const nameSlots = this.slotsFor(nameSettings);
      const best = (lower: string) => channel?.candidates(lower)[0]?.prior ?? -Infinity;
      const blockTokens = channel ? reshapeOcrTokens(ocrWordTokens(block), best) : block;
      let sentenceStart = true;
      for (let b = 0; b < blockTokens.length; b++) {
        const token = blockTokens[b]!;
        const t = tokens.push(token) - 1;
        if (token.kind === 'other') {
          output[t] = token.text;
          // Vietnamese-model OCR keeps the scan's line breaks: a line that goes on in lower case is the same
          // sentence ("sử\ndụng" is not "dung" on its own).
          const wrapped = channel?.lang === 'vie' && WRAP.test(token.text) && /^\p{Ll}/u.test(blockTokens[b + 1]?.text ?? '');
          if (!wrapped && (token.text.length === 1 ? BREAK_CHARS.includes(token.text) : BREAK.test(token.text))) flush();
          sentenceStart ||= SENTENCE_END.test(token.text) || token.text.includes(CELL_RULE);
          continue;
        }
        let slot = this.protectedSlot;
        if (token.kind === 'word') {
          const title = !sentenceStart && caseOf(token.text) === 'title';
          // A name as read that another reading of its letters is by far the commoner name of ("Tuân", "Hiên") is
          // doubtful: neither kept by the bonus for names nor read without the scans' overlay.
          const doubtful = title && channel?.lang === 'vie' && isRarerName(this, token.text);
          const [own, ownSettings] = title && !doubtful && nameSlots !== slots ? [nameSlots, nameSettings] : [slots, settings];
          const cached = own.get(token.text) ?? this.newSlot(own, token.text, ownSettings);
          const named = !channel && !residual && !sentenceStart ? this.nameEvidence(cached) : cached;
          slot = trust(doubtful ? named : keepNames(named, sentenceStart), confidenceOf(token.start));
        } else if (channel || stripped) slot = { ...slot, kept: repairCode(token.text) };
        sentenceStart = false;
        segment.push(t);
        segmentSlots.push(slot);
      }
    }
    flush();
    if (mode.startsWith('ocr-')) this.harmonise(tokens, output, record, locate);
    if (record) recordSplits(tokens, output, record, locate);
    const told = given !== text && !mode.startsWith('ocr-') ? giveEthBack(given, tokens, output, changes, locate, !options.textOnly) : changes;
    return { text: output.join(''), mode, changes: told };
  }

  /** OCR'd text: a name misread once among its repeats takes the document's spelling (see doc-names). */
  private harmonise(tokens: readonly Token[], output: string[], changes: RestoreChange[] | undefined, locate: ReturnType<typeof lineLocator>): void {
    const changed = harmoniseNames(tokens, output, this.model);
    if (!changes || !changed.length) return;
    for (const { at, repeats } of changed) {
      const token = tokens[at]!;
      const { line, column } = locate(token.start);
      const seen = changes.find((c) => c.line === line && c.column === column);
      // As sure as the document's repeats make it: twice read, 2/3.
      const confidence = Math.round((1000 * repeats) / (repeats + 1)) / 1000;
      if (seen) Object.assign(seen, { to: output[at]!, confidence });
      else changes.push({ line, column, from: token.from ?? token.text, to: output[at]!, confidence });
    }
    changes.sort(inTextOrder);
  }

  private readonly protectedSlot: Slot;

  private readonly hasNames: boolean;

  /**
   * A Title Case word inside a sentence is mostly a name: each candidate gains log10 P(Title Case | syllable)
   * from the training text's name counts ("Hung" is Hùng, Hưng more than hung). Without name counts (an old
   * or a user's small model) nothing changes.
   */
  private nameEvidence(slot: Slot): Slot {
    if (!this.hasNames || !slot.open || !slot.title) return slot;
    if (!slot.named) {
      const { names, counts } = this.model;
      const evidence = (id: number) => NAME_WEIGHT * Math.log10((names[id]! + NAME_SMOOTHING * NAME_RATE) / (counts[id]! + NAME_SMOOTHING));
      slot.named = { ...slot, candidates: slot.candidates.map((c) => ({ ...c, prior: c.prior + evidence(c.id) })) };
    }
    return slot.named;
  }

  /** Slots per distinct word, one cache per channel setting: documents repeat their words. */
  private readonly slotCaches = new Map<unknown, Map<string, Slot>>();

  private slotsFor(settings: ChannelSettings): Map<string, Slot> {
    const key = settings.ocr ? settings.ocr : settings.residual ? `residual ${settings.keepUnaccented}` : settings.stripped ? 'stripped' : settings.keepUnaccented;
    let cache = this.slotCaches.get(key);
    if (!cache) {
      // Mixed texts each bring their own bonus: keep the memory bounded over a long run.
      if (this.slotCaches.size >= 8) this.slotCaches.clear();
      this.slotCaches.set(key, (cache = new Map()));
    }
    return cache;
  }

  private newSlot(cache: Map<string, Slot>, text: string, settings: ChannelSettings): Slot {
    if (cache.size > 200_000) cache.clear();
    const { fixed, ...choice } = this.candidatesOf(text, settings);
    const slot: Slot = { ...choice, kept: fixed ?? applyToneStyle(text, this.toneStyle), casing: renderCase(text), title: caseOf(text) === 'title' };
    cache.set(text, slot);
    return slot;
  }

  private candidatesOf(text: string, settings: ChannelSettings): Pick<Slot, 'candidates' | 'open' | 'asRead'> & { fixed?: string } {
    const fixed = (id: number) => ({ candidates: [{ id, prior: 0 }], open: false });
    const casing = caseOf(text);
    const lower = text.toLowerCase();
    // Capitals are an acronym (UBND, CNSCP) only when no syllable has their letters; "VIET" is a word.
    // Letters only: "S&", "S¢" are OCR damage, not acronyms.
    // In OCR'd text, capitals of three letters or more that the channel reads well as a syllable are one ("PANG": ĐẢNG).
    const acronym =
      casing === 'upper' &&
      /^[\p{L}\p{M}]+$/u.test(text) &&
      this.index.forms(foldKey(lower)).length === 0 &&
      !(settings.ocr && lower.length >= 3 && (settings.ocr.candidates(lower)[0]?.prior ?? -Infinity) >= OCR_CAPITALS_PRIOR);
    if (this.protectedWords.has(text) || (casing === 'mixed' && (!settings.ocr || gluedWords(text))) || acronym || OTHER_SCRIPT.test(text)) {
      // An acronym OCR read or stripped without the bar of Đ gets it back: "HDND" is HĐND.
      return { ...fixed(this.model.id(lower)), fixed: acronym && (settings.ocr || settings.stripped) ? repairCode(text) : undefined };
    }
    const observed = canonical(lower);
    // Written text: a Title Case accented syllable the model never saw is a name ("Trịnh", "Hoài"), not a typo;
    // capitals are headers, whose common words it knows ("SẲN" is SẢN).
    if (!settings.ocr && casing === 'title' && hasDiacritics(lower) && !this.model.has(observed) && isValidSyllable(observed)) return fixed(this.model.unk);
    // Vietnamese-model OCR: a Title Case word shaped as a minority-language name ("Glong", "Kbang", "Păh", "Đak")
    // was read as printed; the channel would make a Vietnamese syllable of it by dropping a letter ("Long").
    if (settings.ocr?.lang === 'vie' && casing === 'title' && !isValidSyllable(observed) && isMinorityShaped(observed)) return fixed(this.model.has(observed) ? this.model.id(observed) : this.model.unk);
    if (settings.residual && hasDiacritics(observed) && this.model.has(observed) && this.index.isWord(observed)) {
      const [self, ...others] = this.ocrCandidates(observed, lower, settings.residual);
      return { candidates: [{ ...self!, prior: self!.prior + KEEP_RESIDUAL }, ...others], open: others.length > 0, asRead: true };
    }
    const candidates = settings.ocr ? this.ocrCandidates(observed, lower, settings.ocr) : this.index.candidates(observed, settings);
    // Correct-looking text: a marked word that is no syllable, which the index keeps as it is (letters no syllable
    // has, "khônø", or a typo the training text had too, "rồị"), is likely a misreading. The channel's readings
    // of it, against the word kept as an unknown one. One the index would re-accent anyway ("chùá", two tones:
    // every form of "chua" alike) takes the channel's readings instead, which know the letter OCR misread (chùa).
    // A letter of the channel's own that Vietnamese never writes ("tronø") makes any word a misreading, marked or not.
    const misread = settings.residual?.hasMisreadLetter?.(lower) ?? false;
    if (settings.residual && (hasDiacritics(observed) || misread) && !this.index.isWord(observed)) {
      const readings = settings.residual.candidates(lower);
      if (readings.length > 0 && candidates.length <= 1) return { candidates: [{ id: this.model.unk, prior: misread ? KEEP_MISREAD_LETTER : KEEP_NO_SYLLABLE }, ...readings], open: true };
      if (readings.length > 0) return { candidates: readings, open: true };
    }
    if (candidates.length === 0) return fixed(this.model.id(observed));
    const asRead = settings.ocr?.lang === 'vie' && this.index.isWord(observed);
    return { candidates, open: candidates.length > 1 || candidates[0]!.id !== this.model.id(observed), asRead };
  }

  /**
   * The channel's candidates, and in Vietnamese-model OCR the word as read first whenever it is a syllable:
   * that model reads most words right, rare ones too ("quỳ"), and names the language model never saw
   * ("hạc", "hoằng") are kept as read through <unk>.
   */
  private ocrCandidates(observed: string, lower: string, ocr: NonNullable<ChannelSettings['ocr']>): Candidate[] {
    const list = ocr.candidates(lower);
    if (ocr.lang !== 'vie' || !this.index.isWord(observed)) return list;
    const self = this.model.has(observed) ? this.model.id(observed) : this.model.unk;
    // A learned confusion keeps its score ("chỉ" is often chi); a word the channel did not offer reads as itself.
    return [{ id: self, prior: list.find((c) => c.id === self)?.prior ?? 0 }, ...list.filter((c) => c.id !== self)];
  }

  /** Decodes the words (tokens at `at`) of one stretch and puts their text in the output, restored or kept. */
  private decodeSegment(
    tokens: Token[],
    at: number[],
    slots: Slot[],
    output: string[],
    changes: RestoreChange[] | undefined,
    locate: ReturnType<typeof lineLocator>,
    caps: boolean[] | undefined,
    cache: FormCache | undefined,
  ): void {
    const positions: Candidate[][] = [];
    let open = false;
    for (const slot of slots) {
      positions.push(cache && slot.open ? cache.adjust(slot.candidates) : slot.candidates);
      open ||= slot.open;
    }
    const choices = open ? decode(this.model, positions) : undefined;
    const ids = new Array<number>(positions.length);
    for (let i = 0; i < positions.length; i++) ids[i] = positions[i]![choices ? choices[i]! : 0]!.id;
    // A syllable Vietnamese-model OCR read stays as read unless another is the likelier of the two readings
    // ("Tịnh Hà" at a line's start was Tinh Hà at 0.49): the page said it, and the model barely disagrees.
    for (let i = 0; i < positions.length; i++) {
      const asRead = positions[i]![0]!.id;
      if (slots[i]!.asRead && ids[i] !== asRead && confidenceAt(this.model, positions, ids, i) < MIN_CHANGE) ids[i] = asRead;
    }
    if (cache) for (let i = 0; i < positions.length; i++) if (slots[i]!.open && positions[i]!.length > 1) cache.add(ids[i]!);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const token = tokens[at[i]!]!;
      // OCR'd text: the case comes from the line and the chosen word, as OCR damages case too.
      const casing = slot.open && caps ? ocrCasing(token.text, this.model.vocab[ids[i]!]!, caps[locate(token.start).line]!) : slot.casing;
      const result = slot.open ? this.render(token.text, ids[i]!, casing) : (slot.kept ?? token.text);
      output[at[i]!] = result;
      const from = token.from ?? token.text;
      if (changes && result !== from) {
        const { line, column } = locate(token.start);
        const confidence = slot.open ? confidenceAt(this.model, positions, ids, i) : 1;
        changes.push({ line, column, from, to: result, confidence: Math.round(confidence * 1000) / 1000 });
      }
    }
  }

  /** Vocabulary entries in the configured tone style, by casing, filled in as they are chosen. */
  private readonly rendered: Partial<Record<Casing, (string | undefined)[]>> = {};

  /** The chosen syllable in the original's case and the configured tone style. */
  private render(original: string, id: number, casing: Casing): string {
    // Filled with undefined from the start: an empty array written at ids in the tens of thousands goes sparse.
    const forms = (this.rendered[casing] ??= new Array<string | undefined>(this.model.vocab.length).fill(undefined));
    const known = forms[id];
    if (known !== undefined) return known;
    const chosen = this.model.vocab[id]!;
    // A special token (<unk>) stands for a word of its own: the original stays.
    if (chosen.startsWith('<')) return original;
    return (forms[id] = applyCase(applyToneStyle(chosen, this.toneStyle), casing));
  }
}

/**
 * A word OCR ran together and the restorer read as two ("Chithường"): one change from the word as the input has
 * it to both halves as restored ("Chi thường"), in place of any change of a half, as sure as the less sure half.
 * The changes are what carries restoration onto the OCR words (their boxes, ALTO, the PDF's text layer).
 */
function recordSplits(tokens: readonly Token[], output: readonly string[], changes: RestoreChange[], locate: ReturnType<typeof lineLocator>): void {
  let split = false;
  for (let t = 1; t + 1 < tokens.length; t++) {
    if (tokens[t]!.from !== '') continue;
    const [left, right] = [tokens[t - 1]!, tokens[t + 1]!];
    const at = [locate(left.start), locate(right.start)];
    const halves = changes.filter((c) => at.some((p) => c.line === p.line && c.column === p.column));
    const confidence = Math.min(1, ...halves.map((c) => c.confidence));
    for (const c of halves) changes.splice(changes.indexOf(c), 1);
    changes.push({ ...at[0]!, from: left.text + right.text, to: `${output[t - 1]} ${output[t + 1]}`, confidence });
    split = true;
  }
  if (split) changes.sort(inTextOrder);
}

/** OCR damage can break case too ("S&"): capitals throughout only when every letter of the original is one. */
function renderCase(original: string): Casing {
  const letters = original.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase() ? 'upper' : letters[0] === letters[0]?.toLowerCase() ? 'lower' : 'title';
}

/** How sure the restorer must be of another syllable than the one Vietnamese-model OCR read to change it. */
const MIN_CHANGE = 0.5;

/**
 * log10 bonus for a syllable of text that reads as correct staying as written, against the Vietnamese-model
 * channel's misreadings of it: high enough that correct text stays as it is (tuned on dev text and on dev
 * text damaged with that channel, bench/restore-dev.ts).
 */
const KEEP_RESIDUAL = 2.5;

/**
 * log10 prior of keeping a marked word of correct-looking text that is no syllable, against the channel's readings
 * of it. At -3 the dev splits' damaged words fixed rose from 42-63% to 54-77% and real OCR text (native
 * tesseract of the real dev pages, as .txt) got better on 9 pages and worse on none; -4 fixes more but changes
 * more correct text (typos of the training text's own: "nưóc", "câp").
 */
const KEEP_NO_SYLLABLE = -3;

/**
 * The same prior for a word, marked or not, with a letter Vietnamese never writes that the Vietnamese-model
 * channel makes of one of its letters ("ø" of g: "tronø", "Chươnø", "nøắm"), which no right word has. At -3 such
 * words stayed as read; on the dev splits with 2.5% of words misread, misread words fixed rose by 2-4 points in
 * every genre at -5 (literature 65.4% -> 69.6%), -7 a word or two more, -4 a little less; nothing else moved.
 */
const KEEP_MISREAD_LETTER = -7;

/**
 * A letter of another script than Latin (a Chinese character glued to the next word, "玄là"; Greek in a
 * formula): the word is not Vietnamese, and no channel may drop the letter as debris.
 */
const OTHER_SCRIPT = /(?!\p{Script=Latin})\p{L}/u;

/**
 * Two syllables with the space between them lost, the second a capitalised word ("ởTrường", "vàHà Nội"): the OCR
 * channels read the pair as one damaged word and dropped the first ("trường").
 */
function gluedWords(text: string): boolean {
  const pair = /^(\p{Ll}+)(\p{Lu}\p{Ll}*)$/u.exec(text);
  return pair !== null && isValidSyllable(pair[1]!) && isValidSyllable(pair[2]!);
}

/** Weight of the names' evidence, and its smoothing: a syllable seen rarely counts as a name at the overall rate. */
const NAME_WEIGHT = 1;
const NAME_SMOOTHING = 20;
const NAME_RATE = 0.05;

/**
 * log10 bonus for keeping a Title Case syllable inside a sentence as Vietnamese-model OCR read it. Not for
 * capitals: headers are common words the language model reads well ("TÍNH" for TỈNH), and rarer ones are
 * already kept as read ("HÓA QUỲ"). Higher costs real fixes on the dev split ("Chỉ bộ" for Chi bộ).
 */
const KEEP_NAME = 1;

/** Title Case inside a sentence is mostly a name ("Đỗ", "Hạc", "Trịnh"), which the language model knows poorly. */
function keepNames(slot: Slot, sentenceStart: boolean): Slot {
  if (!slot.asRead || !slot.open || sentenceStart || !slot.title) return slot;
  return { ...slot, candidates: slot.candidates.map((c, i) => (i === 0 ? { ...c, prior: c.prior + KEEP_NAME } : c)) };
}

/**
 * A word OCR was unsure of is more open to correction: its channel priors are scaled down, towards 0.5x
 * at confidence 0, so the language model weighs more.
 */
function trust(slot: Slot, confidence: number | undefined): Slot {
  if (confidence === undefined || confidence >= 90 || !slot.open) return slot;
  const scale = 0.5 + Math.max(confidence, 0) / 180;
  return { ...slot, candidates: slot.candidates.map((c) => ({ ...c, prior: c.prior * scale })) };
}
