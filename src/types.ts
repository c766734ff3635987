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
}

/** One recognised word, as tesseract returned it. confidence is 0..100. */
export interface OcrWord {
  text: string;
  confidence: number;
  page: number;
  box: Box;
  /** Index of the line on its page, so words can be regrouped into lines. */
  line: number;
}

/** Where a page's text came from. */
export type TextSource = 'ocr' | 'text-layer' | 'text';

/** The text of one page (1-based page number), with its words when it was OCR'd. */
export interface PageText {
  page: number;
  text: string;
  source: TextSource;
  words: OcrWord[];
  /** Set when the page was not OCR'd because it is blank. */
  skipped?: 'blank';
  /** Set when the page could not be read (a corrupt image, a page too large): the one-line reason. */
  warning?: string;
  width?: number;
  height?: number;
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
