// OCR's misreadings of the short forms in the items of "Nơi nhận". The "Lưu" item files the document with the
// registry (văn thư) first: "Lưu: VT, KTTH." on every real document of the dev and test sets. Its small capitals
// and the comma after them are what OCR misreads most in the list: "VI, VX", "VŨ NN", "VTE, CNTY" (the comma read
// as "E,"), "VT; TCKH", "VT KT". An item sent for a report ends "(b/c)" (báo cáo), whose "b" OCR reads "bí", "h",
// "Œ" or loses, and whose "c" in the small print it reads "©", "€" or "C", "(để b/c)" too.

/** The registry's code as OCR reads it first in a "Lưu:" item, then the separator before the next code. */
const REGISTRY = /^(Lưu\s*[:;]\s*)V(?:T|TE|[IĨÍÌỈỊŨ1l])(\s*[,;]\s*|\s+)(?=\p{Lu})/u;
/** The registry's code as the item's only one: "Lưu: VTE", "Lưu: VI.". */
const REGISTRY_ALONE = /^(Lưu\s*[:;]\s*)V(?:TE|[IĨÍÌỈỊŨ1l])(?=[.,;]?$)/u;

/** "(b/c)" as OCR reads it: "(bí/c)", "(bị/c)", "(h/©)", "(/©)", "(b/€)", "(để h/C)", "(Œ/C)", "(Œh/c)". */
const FOR_REPORT = /\((để\s+)?(?:b[íìỉĩịÍÌỈĨỊ]?|h|[Œœ]h?)?\/[c©€C]\)/gu;

/**
 * The item with the registry's code and the comma after it as printed ("Lưu: VT, TCKH"), and "(b/c)", from
 * OCR's reading of them; a comma read as such stays as it was spaced ("VT,KT").
 */
export function mendedRecipient(item: string): string {
  return item
    .replace(REGISTRY, (_, label: string, separator: string) => `${label}VT${separator.includes(',') ? separator : ', '}`)
    .replace(REGISTRY_ALONE, '$1VT')
    .replace(FOR_REPORT, (_, to?: string) => `(${to ?? ''}b/c)`);
}
