// Issuing bodies whose name can lose its first word to OCR (a stamp or the page's edge over it) and still read
// as words: "BAN NHÂN DÂN" is what is left of "ỦY BAN NHÂN DÂN", and no body is called that.
import { folded } from './patterns.js';

/** Names of bodies (folded) whose tails are no body's name. */
const HEADED_NAMES = ['uy ban nhan dan', 'hoi dong nhan dan', 'uy ban mat tran to quoc', 'mat tran to quoc viet nam', 'toa an nhan dan', 'vien kiem sat nhan dan'];

/** Every tail of two words or more of those names, but one a name begins with ("mat tran to quoc" of "mat tran to quoc viet nam"). */
const TAILS = new Set(
  HEADED_NAMES.flatMap((name) => {
    const ws = name.split(' ');
    return ws.slice(1, -1).map((_, k) => ws.slice(k + 1).join(' '));
  }).filter((tail) => !HEADED_NAMES.some((name) => `${name} `.startsWith(`${tail} `))),
);

/** A body that opens with what is left of a known name whose head was lost: "Ban Nhân Dân Tỉnh". */
export function lostItsHead(body: string): boolean {
  const ws = folded(body).split(/[^a-z]+/).filter(Boolean);
  for (let n = 2; n <= ws.length; n++) if (TAILS.has(ws.slice(0, n).join(' '))) return true;
  return false;
}
