// Character alignment of a true word with what OCR made of it, by edit distance with a back-trace.
// Returns [true char, observed char] pairs; '' on one side marks an insertion or a deletion.

export function alignChars(truth: string, seen: string): [string, string][] {
  const a = [...truth];
  const b = [...seen];
  const n = a.length;
  const m = b.length;
  const d = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
  const out: [string, string][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) out.push([a[--i]!, b[--j]!]);
    else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) out.push([a[--i]!, '']);
    else out.push(['', b[--j]!]);
  }
  return out.reverse();
}
