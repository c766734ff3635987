// Field-level accuracy of a parsed report against expected fields, addressed by paths such as
// "header.number", "references.0.date" or "sections.count".

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

const normalise = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi') : v);

/** Compares each expected field; strings case-insensitively (bodies are written in capitals or not). */
export function compareFields(report: unknown, expected: Record<string, unknown>): FieldResult[] {
  return Object.entries(expected).map(([field, want]) => {
    const got = fieldAt(report, field);
    return { field, expected: want, got, ok: normalise(got) === normalise(want) };
  });
}
