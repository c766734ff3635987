// The reporting period: "(Tuần 48 năm 2025, từ ngày 24/11 đến 30/11)", "(Từ ngày 17/11 đến ngày 23/11/2025)",
// "Tháng 10 năm 2025", "Quý III năm 2025", "6 tháng đầu năm 2025". A missing year comes from the label or the
// document's date; a week that crosses New Year gets two years.
import { fixQuarter, folded, isoDate, romanNumber } from './patterns.js';
import type { Period } from './types.js';

const RANGE = /\bt\S{0,2}\s+(?:ng\S{1,3}\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\s+(?:d\S{1,3}|-)\s+(?:ng\S{1,3}\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?/;
const WEEK = /\btu\S{0,2}n\s+(?:thu\s+)?(\d{1,2})\b/;
const MONTH = /\bth\S{1,3}ng\s+(\d{1,2})(?:\s*\/\s*(\d{4}))?/;
const QUARTER = /\bquy\s+([ivxhl1|]{1,4})\b/;
const HALF = /\b6\s+th\S{1,3}ng\s+(dau|cuoi)\s+n\S{1,3}\s+(\d{4})/;
const YEAR = /\bn[a-z]{1,3}\s+(\d{4})\b/;
/** What makes a line a period rather than a title's parenthesis (an anniversary "(1930 - 2025)"). */
export const PERIOD_CUE = /\b(?:tu\S{0,2}n\s+(?:thu\s+)?\d|th\S{1,3}ng\s+\d|quy\s+[ivxhl1|]{1,4}\s|6\s+th\S{1,3}ng\s+(?:dau|cuoi)|t\S{0,2}\s+ng\S{1,3}\s+\d{1,2}\/\d{1,2})/;

const lastDay = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The label without the parentheses around it: a leading "(", and a final ")" unless it closes one opened
 * inside ("Tuần 01 (từ ngày 29/12 đến ngày 04/01/2026)" keeps its own).
 */
function withoutParentheses(label: string): string {
  let text = label.trim();
  if (text.startsWith('(')) text = text.slice(1).trimStart();
  const count = (c: string) => text.split(c).length - 1;
  if (text.endsWith(')') && count(')') > count('(')) text = text.slice(0, -1).trimEnd();
  return text;
}

/** A period's label and dates, without where it was printed. */
export type PeriodDates = Omit<Period, 'printed'>;

/** Parses a period label; `label` is kept as written (without its parentheses). */
export function parsePeriod(label: string, documentDate: string | null): PeriodDates | null {
  const f = folded(label);
  if (!PERIOD_CUE.test(f)) return null;
  const clean = fixQuarter(withoutParentheses(label));
  const fallback = documentDate ? Number(documentDate.slice(0, 4)) : null;
  const labelYear = Number(YEAR.exec(f)?.[1] ?? MONTH.exec(f)?.[2] ?? 0) || null;
  const range = RANGE.exec(f);
  if (range) {
    const [, d1, m1, y1, d2, m2, y2] = range.map(Number) as number[];
    let toYear = y2 || y1 || labelYear || fallback;
    let fromYear = y1 || (y2 ? (m1! > m2! ? y2 - 1 : y2) : null);
    if (!fromYear && toYear) {
      // "Tuần 1 năm 2026, từ 29/12 đến 04/01": the label's year is the week's; otherwise it is where the week starts.
      const week = Number(WEEK.exec(f)?.[1] ?? 0);
      fromYear = m1! > m2! && week > 0 && week <= 2 ? toYear - 1 : toYear;
      if (m1! > m2! && fromYear === toYear) toYear++;
    }
    return { label: clean, from: fromYear ? isoDate(d1!, m1!, fromYear) : null, to: toYear ? isoDate(d2!, m2!, toYear) : null };
  }
  const year = labelYear ?? fallback;
  const half = HALF.exec(f);
  if (half) {
    const first = half[1] === 'dau';
    const y = Number(half[2]);
    return { label: clean, from: isoDate(1, first ? 1 : 7, y), to: isoDate(first ? 30 : 31, first ? 6 : 12, y) };
  }
  const quarter = QUARTER.exec(f);
  const q = quarter ? ['I', 'II', 'III', 'IV'].indexOf(romanNumber(quarter[1]!.toUpperCase()) ?? '') + 1 : 0;
  if (q && year) return { label: clean, from: isoDate(1, 3 * q - 2, year), to: isoDate(lastDay(3 * q, year), 3 * q, year) };
  const month = MONTH.exec(f);
  if (month && year && !WEEK.test(f)) {
    const m = Number(month[1]);
    return { label: clean, from: isoDate(1, m, year), to: isoDate(lastDay(m, year), m, year) };
  }
  return { label: clean, from: null, to: null };
}

/** A period named inside a title: "Kết quả cải cách hành chính quý III năm 2025" -> "quý III năm 2025". */
export function periodInTitle(title: string, documentDate: string | null): PeriodDates | null {
  const f = folded(title);
  const m = /\b(?:quy\s+[ivxhl1|]{1,4}|6\s+th\S{1,3}ng\s+(?:dau|cuoi)|th\S{1,3}ng\s+\d{1,2}|tu\S{0,2}n\s+\d{1,2})\s+n\S{1,3}\s+\d{4}\b/.exec(f);
  if (!m) return null;
  return parsePeriod(title.slice(m.index, m.index + m[0].length), documentDate);
}
