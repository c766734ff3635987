// Plain data passed between the stages. Each stage is a function over these.

/** Pixel box on the page image the OCR ran on: left, top, right, bottom. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** 8-bit single-channel pixels, row by row: a page decoded once and handed from stage to stage. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
  /** Resolution recorded in the file, when it records one. */
  dpi?: number;
  /** A PDF page's: resolution of the scan it paints, which rendering at `dpi` resampled. */
  scanDpi?: number;
  /** The page's plain grey when coloured ink (seals, signatures) was dropped from `data`: the page as scanned. */
  asScanned?: Uint8Array;
  /** What the page lacks though the rest of it was read (a PDF page whose image was corrupt). */
  warning?: string;
}

/**
 * One word of a page: as read (by OCR, or from a text layer or file), and as restored. Restoration writes its
 * choice onto the word, so every output renders the same words at the same boxes.
 */
export interface Word {
  /** The word as read: OCR's reading, or the text layer's or the file's. */
  text: string;
  /** OCR confidence, 0..100; absent for words that were not OCR'd. */
  confidence?: number;
  /** Where the word lies on the page image; absent for text-layer and .txt words. */
  box?: Box;
  /** The restored form, set when restoration ran (equal to `text` where it kept the word). */
  restored?: string;
  /** The restorer's confidence in the form it chose, 0..1; set where it changed the word. */
  restoredConfidence?: number;
  /** Other readings of the word: the one read, where restoration changed it. */
  alternatives?: string[];
}

/** One recognised word, as tesseract returned it, with its place in tesseract's layout. */
export interface OcrWord extends Word {
  confidence: number;
  page: number;
  box: Box;
  /** Index of the line on its page, so words can be regrouped into lines. */
  line: number;
  /** Tesseract's block number (1-based, unique on the page) and paragraph number within the block. */
  block?: number;
  paragraph?: number;
}

/** One line of words in reading order. OCR'd lines carry their box, tesseract's paragraph number and the line's index. */
export interface TextLine {
  words: Word[];
  box?: Box;
  paragraph?: number;
  number?: number;
}

/** A block of lines: tesseract's block on OCR'd pages, a run of lines between blank lines in text. */
export interface TextBlock {
  lines: TextLine[];
  box?: Box;
  /** Tesseract's block number on OCR'd pages. */
  number?: number;
}

/** Where a page's text came from. */
export type TextSource = 'ocr' | 'text-layer' | 'text';

/**
 * One page of the document model: its plain text (what restoration and structure read), and the same text as
 * blocks of lines of words. On OCR'd pages `words` lists the blocks' words in reading order (the same objects).
 */
export interface PageText {
  /** 1-based page number. */
  page: number;
  text: string;
  source: TextSource;
  words: OcrWord[];
  blocks: TextBlock[];
  /** Set when the page was not OCR'd because it is blank. */
  skipped?: 'blank';
  /** Set when the page could not be read (a corrupt image, a page too large): the one-line reason. */
  warning?: string;
  /** Size in pixels, and resolution when known, of the image the OCR read: boxes are in its pixels. */
  width?: number;
  height?: number;
  dpi?: number;
  /** Degrees clockwise (90, 180, 270) the page's image was turned to be read upright: its size and boxes are the turned image's. */
  turned?: number;
}

/**
 * Part of a binary output: bytes, or the first `bytes` bytes of a file, copied when the output is written (a
 * repaired PDF begins with its input as it is, which is not held in memory until then).
 */
export type OutputPart = Uint8Array | { copyOf: string; bytes: number };

/** A document: its file and pages. */
export interface DocumentModel {
  file: string;
  pages: PageText[];
}

/** Which kind of damage a text carries; decides the restoration channel. */
export type InputMode = 'correct' | 'unaccented' | 'ocr-eng' | 'ocr-vie';

/** Tone-mark placement: old "hóa, ủy, thủy" or new "hoá, uỷ, thuỷ". */
export type ToneStyle = 'old' | 'new';

/** One change the restorer made, located in the input text (0-based line and column). */
export interface RestoreChange {
  line: number;
  column: number;
  from: string;
  to: string;
  /** Confidence of the chosen form, 0..1. */
  confidence: number;
}

export interface RestoreResult {
  text: string;
  mode: InputMode;
  changes: RestoreChange[];
}

/** One row group of the benchmark: a section title and rows of named figures. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}
