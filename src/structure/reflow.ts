// Hard-wrapped lines back into paragraphs.

const BULLET = /^\s*[-–•+*]\s+/;
const HEADING = /^\s*(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s+/;
const PAGE_NUMBER = /^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*(?:trang|page)\s+\d+(?:\s*\/\s*\d+)?\s*$/i;
/** A line ending in a hyphen joined to a code or a word fragment: "142-" + "BC/BTGDVTU". */
const HYPHEN_END = /[\p{L}\p{N}]-$/u;
const CODE_START = /^[\p{Lu}\p{N}][\p{Lu}\p{N}/.-]*(?=[\s,.;:)]|$)/u;

export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line);
}

/** Joins wrapped lines; a bullet, a numbered heading or a blank line starts a new paragraph. */
export function reflow(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) paragraphs.push(current.trim().replace(/[ \t]+/g, ' '));
    current = '';
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || /^-{3,}$|^_{3,}$/.test(line)) {
      flush();
      continue;
    }
    if (isPageNumber(line)) continue;
    if (BULLET.test(line) || HEADING.test(line)) {
      flush();
      current = line;
      continue;
    }
    if (current && HYPHEN_END.test(current) && CODE_START.test(line)) current += line;
    else current = current ? `${current} ${line}` : line;
  }
  flush();
  return paragraphs;
}
