// The canonical structure of a Vietnamese administrative report (Party: Hướng dẫn 36-HD/VPTW; State: Nghị định 30/2020/NĐ-CP).
// Every field is null or empty when the document does not have it. Versioned: see docs/report-schema.md.

export const SCHEMA_VERSION = '1.1';

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
}

export interface Period {
  label: string;
  from: string | null;
  to: string | null;
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
  recipients: string[];
  signature: Signature;
  footnotes: string[];
  references: Reference[];
  urls: string[];
  /** Normalised text in reading order. */
  text: string;
}
