// The canonical structure of a Vietnamese administrative report (Party: Hướng dẫn 36-HD/VPTW; State: Nghị định 30/2020/NĐ-CP).
// Every field is null or empty when the document does not have it. Versioned: see docs/report-schema.md.

export const SCHEMA_VERSION = '1.8';

export interface Header {
  /** "ĐẢNG CỘNG SẢN VIỆT NAM" on Party documents. */
  partyHeader: string | null;
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on State documents. */
  nationalHeader: string | null;
  /** "Độc lập - Tự do - Hạnh phúc". */
  motto: string | null;
  parentBody: string | null;
  issuingBody: string | null;
  /** Number and symbol without "Số": "60-BC/BTGDVTU", "216/KH-UBND". */
  number: string | null;
  place: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  /** The date as printed: "ngày 08 tháng 12 năm 2025". */
  datePrinted: string | null;
  /** The issuer's column as printed (capitals kept), where parentBody and issuingBody are its Title Case forms. */
  parentBodyPrinted: string | null;
  issuingBodyPrinted: string | null;
  /** The header as printed, in reading order: the issuer's column (with the number and a V/v summary), then the right one. */
  lines: string[];
}

/** The digital-signature box of a signed PDF (never part of the header). */
export interface DigitalSignature {
  /** "Ký bởi:", or the name the box prints in capitals. */
  signer: string | null;
  email: string | null;
  /** "Cơ quan:". */
  agency: string | null;
  /** ISO 8601 with its zone: "2025-06-20T15:42:08+07:00". */
  time: string | null;
  timePrinted: string | null;
  lines: string[];
}

export interface Table {
  /** Number of the section the table sits in ("I", "1"), null before the first heading. */
  section: string | null;
  /** Rows of cell text, the heading row first; every row as wide as the widest. */
  rows: string[][];
}

/** A footnote marker in the text: the word it follows and the footnote it points to. */
export interface FootnoteLink {
  marker: string;
  word: string;
  /** Index in footnotes[], null when no footnote carries that number. */
  footnote: number | null;
}

/** A field whose text was found but does not parse: the value is null and its raw text is kept here. */
export interface Uncertain {
  field: string;
  raw: string;
  reason: string;
}

export interface Period {
  label: string;
  from: string | null;
  to: string | null;
  /** The period's own line as printed ("(Tuần 48 năm 2025, từ ngày 24/11 đến 30/11)"); null when the title names the period. */
  printed: string | null;
}

export interface Section {
  /** "I", "1", "a"; null for the text before the first heading. */
  number: string | null;
  level: number;
  heading: string | null;
  paragraphs: string[];
}

export interface Signature {
  /** K/T, T/M, TM., KT., Q., TL., TUQ. */
  authority: string | null;
  position: string | null;
  name: string | null;
  /** The signature block as printed, line by line ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", ...): what txt and md show. */
  lines: string[];
}

export interface Reference {
  type: string;
  number: string;
  date: string | null;
  text: string;
}

export interface Report {
  schemaVersion: string;
  header: Header;
  documentType: string | null;
  title: string | null;
  period: Period | null;
  sections: Section[];
  /** "Kính gửi:" addressees, one per item. */
  addressees: string[];
  /** The addressees as printed, punctuation kept. */
  addresseeLines: string[];
  recipients: string[];
  /** The "Nơi nhận:" items as printed, punctuation kept. */
  recipientLines: string[];
  signature: Signature;
  /** The first digital-signature box (the signer's); all of them in digitalSignatures. */
  digitalSignature: DigitalSignature | null;
  digitalSignatures: DigitalSignature[];
  tables: Table[];
  footnoteLinks: FootnoteLink[];
  /** 0..1 for each field found (and `recipients` for OCR'd pages, `footnotes`, `footnoteLinks`, `tables` where evidence is): the OCR confidence of its own words, times how cleanly it parsed and whether the document agrees. */
  confidence: Record<string, number>;
  uncertain: Uncertain[];
  footnotes: string[];
  references: Reference[];
  urls: string[];
  /** The body, reflowed, in reading order (tables as rows of " | " cells). */
  text: string;
  /** A document attached after the signature (from its own header on), line by line as printed; null when none. */
  annex: string | null;
}
