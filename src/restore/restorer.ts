// Restores diacritics line by line: tokens -> candidates -> beam search -> the text rebuilt with every
// non-word (spacing, punctuation, numbers, codes) exactly where it was.
import { detectLegacyEncoding, decodeLegacy } from '../text/legacy.js';
import { foldKey, hasDiacritics } from '../text/fold.js';
import { applyCase, applyToneStyle, caseOf, isValidSyllable, type ToneStyle } from '../text/syllable.js';
import { tokenize, type Token } from '../text/tokenize.js';
import type { InputMode, RestoreChange, RestoreResult } from '../types.js';
import { CandidateIndex, canonical, type Candidate, type ChannelSettings } from './candidates.js';
import { confidenceAt, decode } from './decoder.js';
import { capsLines, ocrCasing } from './channel/ocr-case.js';
import { reshapeOcrTokens } from './channel/ocr-reshape.js';
import { ocrWordTokens, repairCode } from './channel/ocr-tokens.js';
import { OcrChannel } from './channel/ocr-channel.js';
import { detectMode, keepUnaccentedBonus, paragraphMode, paragraphs } from './detect.js';
import { lineLocator, wordConfidences } from './offsets.js';
import type { LanguageModel } from './lm/model.js';

/** Learned OCR channel tables by the OCR model that damaged the text. */
export type ChannelFiles = Partial<Record<'eng' | 'vie', string>>;

export interface RestoreOptions {
  mode?: InputMode | 'auto';
  /** OCR confidence (0..100) of each whitespace-separated word of the text, in order, when known. */
  confidences?: number[];
  /** Where the text came from: OCR'd text that reads as correct Vietnamese is treated as Vietnamese OCR. */
  source?: 'ocr' | 'text';
  /** Only the restored text is wanted: `changes` stays empty, which saves scoring each change's confidence. */
  textOnly?: boolean;
}

const BREAK = /[.,;:!?()[\]{}…\n]/;
/** Spacing with a single line break. */
const WRAP = /^[^\S\n]*\n[^\S\n]*$/;
/** What ends a sentence, so that the next word's capital is not a name's. */
const SENTENCE_END = /[.!?…:\n]/;
const MAX_CANDIDATES = 8;
/** log10 channel score from which an OCR'd word in capitals is read as a syllable, not kept as an acronym. */
const OCR_CAPITALS_PRIOR = -2;

interface Slot {
  token: Token;
  /** Candidates; a single fixed one for words that are never changed. */
  candidates: Candidate[];
  /** Whether the restorer may change this token. */
  open: boolean;
  /** What a token that is not decoded becomes, when not itself (a code repaired in OCR'd text). */
  fixed?: string;
  /** Whether the first candidate is the word as Vietnamese-model OCR read it, a syllable. */
  asRead?: boolean;
}

export class Restorer {
  private readonly index: CandidateIndex;
  private readonly channels = new Map<string, OcrChannel>();

  constructor(
    readonly model: LanguageModel,
    readonly toneStyle: ToneStyle,
    private readonly protectedWords: ReadonlySet<string>,
    private readonly channelFiles: ChannelFiles = {},
  ) {
    this.index = new CandidateIndex(model);
  }

  /** The OCR channel for a mode, loaded on first use; none for text that was not OCR'd. */
  private channelFor(mode: InputMode): OcrChannel | undefined {
    if (mode !== 'ocr-eng' && mode !== 'ocr-vie') return undefined;
    const lang = mode === 'ocr-vie' && this.channelFiles.vie ? 'vie' : 'eng';
    const file = this.channelFiles[lang];
    if (!file) return undefined;
    let channel = this.channels.get(lang);
    if (!channel) {
      channel = OcrChannel.load(file, this.model, this.index);
      this.channels.set(lang, channel);
    }
    return channel;
  }

  restore(input: string, options: RestoreOptions = {}): RestoreResult {
    const legacy = detectLegacyEncoding(input);
    const text = (legacy ? decodeLegacy(input, legacy) : input).normalize('NFC');
    const known = (key: string) => this.index.forms(key).length > 0;
    const all = tokenize(text);
    const detected = detectMode(all, known);
    const ocrIfCorrect = (m: InputMode) => (options.source === 'ocr' && m === 'correct' ? 'ocr-vie' : m);
    const chosen = options.mode && options.mode !== 'auto' ? options.mode : undefined;
    const mode = chosen ?? ocrIfCorrect(detected.mode);
    // Paragraphs that clearly read otherwise than the document (an OCR'd page among text-layer pages) get their own mode.
    const blocks = chosen ? [all] : paragraphs(all);

    const output: string[] = [];
    const changes: RestoreChange[] = [];
    let segment: Slot[] = [];
    const locate = lineLocator(text);
    const confidenceOf = wordConfidences(text, options.confidences);
    const record = options.textOnly ? undefined : changes;
    let caps: boolean[] | undefined;
    let ocr: OcrChannel | undefined;
    const flush = () => {
      // Vietnamese-model OCR reads case right: only English-model OCR's damaged case is re-judged.
      this.decodeSegment(segment, output, record, locate, ocr?.lang === 'eng' ? caps : undefined);
      segment = [];
    };
    for (const block of blocks) {
      const own = blocks.length > 1 ? detectMode(block, known) : detected;
      const read = blocks.length > 1 ? paragraphMode(own) : undefined;
      // English-model OCR that happens to lose every accent in a paragraph is still English-model OCR.
      const blockMode = read && !(mode === 'ocr-eng' && read === 'unaccented') ? ocrIfCorrect(read) : mode;
      const share = blockMode === mode ? detected.accentedShare : own.accentedShare;
      ocr = this.channelFor(blockMode);
      if (ocr?.lang === 'eng') caps ??= capsLines(text);
      const settings: ChannelSettings = { keepUnaccented: keepUnaccentedBonus(share, blockMode), maxCandidates: MAX_CANDIDATES, ocr };
      const channel = ocr;
      const best = (lower: string) => channel?.candidates(lower)[0]?.prior ?? -Infinity;
      const tokens = ocr ? reshapeOcrTokens(ocrWordTokens(block), best) : block;
      let sentenceStart = true;
      tokens.forEach((token, t) => {
        if (token.kind === 'word') segment.push(trust(keepNames(this.slotOf(token, settings), sentenceStart), confidenceOf(token.start)));
        else if (token.kind === 'protected') {
          segment.push({ token, candidates: [{ id: this.model.num, prior: 0 }], open: false, fixed: ocr ? repairCode(token.text) : undefined });
        } else {
          // Vietnamese-model OCR keeps the scan's line breaks: a line that goes on in lower case is the same
          // sentence ("sử\ndụng" is not "dung" on its own).
          const wrapped = ocr?.lang === 'vie' && WRAP.test(token.text) && /^\p{Ll}/u.test(tokens[t + 1]?.text ?? '');
          if (BREAK.test(token.text) && !wrapped) flush();
          segment.push({ token, candidates: [], open: false });
        }
        sentenceStart = token.kind === 'other' ? sentenceStart || SENTENCE_END.test(token.text) : false;
      });
    }
    flush();
    return { text: output.join(''), mode, changes };
  }

  /** Candidates per distinct word and setting: documents repeat their words, so most look-ups are cached. */
  private readonly slotCache = new Map<string, Omit<Slot, 'token'>>();

  private slotOf(token: Token, settings: ChannelSettings): Slot {
    const key = `${settings.ocr ? settings.ocr.lang : settings.keepUnaccented}\u0000${token.text}`;
    let slot = this.slotCache.get(key);
    if (!slot) {
      slot = this.candidatesOf(token.text, settings);
      if (this.slotCache.size > 200_000) this.slotCache.clear();
      this.slotCache.set(key, slot);
    }
    return { token, ...slot };
  }

  private candidatesOf(text: string, settings: ChannelSettings): Omit<Slot, 'token'> {
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
    if (this.protectedWords.has(text) || (casing === 'mixed' && !settings.ocr) || acronym) {
      // An acronym OCR read without the bar of Đ gets it back: "HDND" is HĐND.
      return { ...fixed(this.model.id(lower)), fixed: acronym && settings.ocr ? repairCode(text) : undefined };
    }
    const observed = canonical(lower);
    // Written text: a Title Case accented syllable the model never saw is a name ("Trịnh", "Hoài"), not a typo;
    // capitals are headers, whose common words it knows ("SẲN" is SẢN).
    if (!settings.ocr && casing === 'title' && hasDiacritics(lower) && !this.model.has(observed) && isValidSyllable(observed)) return fixed(this.model.unk);
    const candidates = settings.ocr ? this.ocrCandidates(observed, lower, settings.ocr) : this.index.candidates(observed, settings);
    if (candidates.length === 0) return fixed(this.model.id(observed));
    const asRead = settings.ocr?.lang === 'vie' && isValidSyllable(observed);
    return { candidates, open: candidates.length > 1 || candidates[0]!.id !== this.model.id(observed), asRead };
  }

  /**
   * The channel's candidates, and in Vietnamese-model OCR the word as read first whenever it is a syllable:
   * that model reads most words right, rare ones too ("quỳ"), and names the language model never saw
   * ("hạc", "hoằng") are kept as read through <unk>.
   */
  private ocrCandidates(observed: string, lower: string, ocr: NonNullable<ChannelSettings['ocr']>): Candidate[] {
    const list = ocr.candidates(lower);
    if (ocr.lang !== 'vie' || !isValidSyllable(observed)) return list;
    const self = this.model.has(observed) ? this.model.id(observed) : this.model.unk;
    // A learned confusion keeps its score ("chỉ" is often chi); a word the channel did not offer reads as itself.
    return [{ id: self, prior: list.find((c) => c.id === self)?.prior ?? 0 }, ...list.filter((c) => c.id !== self)];
  }

  /** Decodes the words of one stretch and appends the stretch's text (words restored, the rest as it was). */
  private decodeSegment(
    slots: Slot[],
    output: string[],
    changes: RestoreChange[] | undefined,
    locate: ReturnType<typeof lineLocator>,
    caps: boolean[] | undefined,
  ): void {
    const scored = slots.filter((s) => s.candidates.length > 0);
    const positions = scored.map((s) => s.candidates);
    const choices = scored.some((s) => s.open) ? decode(this.model, positions) : positions.map(() => 0);
    const ids = choices.map((c, i) => positions[i]![c]!.id);
    let k = 0;
    for (const slot of slots) {
      if (slot.candidates.length === 0) {
        output.push(slot.token.text);
        continue;
      }
      const i = k++;
      const capsLine = caps && caps[locate(slot.token.start).line]!;
      const result = slot.open ? this.render(slot.token.text, this.model.vocab[ids[i]!]!, capsLine) : (slot.fixed ?? this.restyle(slot.token));
      output.push(result);
      if (changes && result !== slot.token.text) {
        const { line, column } = locate(slot.token.start);
        const confidence = slot.open ? confidenceAt(this.model, positions, ids, i) : 1;
        changes.push({ line, column, from: slot.token.text, to: result, confidence: Math.round(confidence * 1000) / 1000 });
      }
    }
  }

  /** The chosen syllable in the original's case and the configured tone style; capsLine is given for OCR'd text. */
  private render(original: string, chosen: string, capsLine: boolean | undefined): string {
    if (chosen.startsWith('<')) return original;
    const casing = capsLine === undefined ? caseOf(original) : ocrCasing(original, chosen, capsLine);
    return applyCase(applyToneStyle(chosen, this.toneStyle), casing);
  }

  private restyle(token: Token): string {
    return token.kind === 'word' ? applyToneStyle(token.text, this.toneStyle) : token.text;
  }
}

/**
 * log10 bonus for keeping a Title Case syllable inside a sentence as Vietnamese-model OCR read it. Not for
 * capitals: headers are common words the language model reads well ("TÍNH" for TỈNH), and rarer ones are
 * already kept as read ("HÓA QUỲ"). Higher costs real fixes on the dev split ("Chỉ bộ" for Chi bộ).
 */
const KEEP_NAME = 1;

/** Title Case inside a sentence is mostly a name ("Đỗ", "Hạc", "Trịnh"), which the language model knows poorly. */
function keepNames(slot: Slot, sentenceStart: boolean): Slot {
  if (!slot.asRead || !slot.open) return slot;
  const casing = caseOf(slot.token.text);
  if (casing !== 'title' || sentenceStart) return slot;
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
