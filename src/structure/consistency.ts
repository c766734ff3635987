// What a document states twice must agree: where two readings of it differ, at least one of them was misread,
// and the field is not to be taken as read.
import { distance } from 'fastest-levenshtein';
import { applyToneStyle } from '../text/syllable.js';
import { folded } from './patterns.js';
import { textQuality } from './quality.js';
import type { Report } from './types.js';

/** How far a field that disagrees with the rest of the document is trusted. */
const DISAGREES = 0.5;

const words = (text: string) => text.toLocaleLowerCase('vi').split(/[^\p{L}]+/u).filter(Boolean);
/** Spelled alike: the same letters and marks, in one tone style ("hoá" and "hóa" are one spelling). */
const spelling = (ws: readonly string[]) => ws.map((w) => applyToneStyle(w, 'old')).join(' ');

/**
 * The place is most often named in the issuer's name too ("TỈNH QUẢNG NGÃI" over "Quảng Ngãi, ngày …"): a place
 * within two letters of words of the issuer, but not spelled as they are, was misread there or here. An issuer
 * that does not read as text ("TINH QUANG NGAÀI") is flagged itself, and no reading to set the place against.
 */
function placeAgrees(place: string, bodies: readonly (string | null)[]): boolean {
  const own = words(place);
  for (const body of bodies) {
    if (!body || textQuality(body) < 1) continue;
    const ws = words(body);
    for (let i = 0; i + own.length <= ws.length; i++) {
      const window = ws.slice(i, i + own.length);
      const letters = distance(folded(window.join(' ')), folded(own.join(' ')));
      if (letters <= 2 && spelling(window) !== spelling(own)) return false;
    }
  }
  return true;
}

/** "KT." signs for the head: the signer below it is a deputy ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"). */
const positionAgrees = (r: Report) => !r.signature.position || !r.signature.lines.some((l) => /^k\/?t\.?\s/.test(folded(l))) || /^pho\s/.test(folded(r.signature.position));

/** The fields that disagree with another part of the document, each with how far it is still trusted. */
export function disagreements(r: Report): Record<string, number> {
  const out: Record<string, number> = {};
  if (r.header.place && !placeAgrees(r.header.place, [r.header.issuingBodyPrinted, r.header.parentBodyPrinted])) out['header.place'] = DISAGREES;
  if (!positionAgrees(r)) out['signature.position'] = DISAGREES;
  return out;
}
