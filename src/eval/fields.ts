// Field-level accuracy of a parsed report against expected fields, addressed by paths such as
// "header.number", "references.0.date" or "sections.count".

import { applyToneStyle } from '../text/syllable.js';

export interface FieldResult {
  field: string;
  expected: unknown;
  got: unknown;
  ok: boolean;
}

export function fieldAt(value: unknown, field: string): unknown {
  let current: unknown = value;
  for (const part of field.split('.')) {
    if (current === null || current === undefined) return null;
    if (part === 'count' && Array.isArray(current)) return current.length;
    current = (current as Record<string, unknown>)[part];
  }
  return current ?? null;
}

// Tone placement is the configured style (--tone-style), not a reading: "HOÀ" on the page is "HÒA" in the old style.
const normalise = (v: unknown) =>
  typeof v === 'string'
    ? v
        .normalize('NFC')
        .trim()
        .replace(/\s+/g, ' ')
        // Each run of letters, so that punctuation against a word ("hoá,") does not keep it from its style.
        .replace(/\p{L}+/gu, (w) => applyToneStyle(w.toLocaleLowerCase('vi'), 'old'))
    : v;

/** Compares each expected field; strings case-insensitively (bodies are written in capitals or not) and in one tone style. */
export function compareFields(report: unknown, expected: Record<string, unknown>): FieldResult[] {
  return Object.entries(expected).map(([field, want]) => {
    const got = fieldAt(report, field);
    return { field, expected: want, got, ok: normalise(got) === normalise(want) };
  });
}
