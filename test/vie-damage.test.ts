import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vieDamage } from '../scripts/lib/vie-damage.js';

// Everyday prose with none of the few words the word-level channel lists, repeated to a few thousand words (few distinct words: a few hundred gave too few draws for the share).
const prose = 'Tôi trông ông quen quen, hình như đã gặp ở đâu rồi. Chị ấy ngồi bên cửa sổ nhìn ra cánh đồng lúa chín. '.repeat(100);

describe('Vietnamese-model OCR damage', () => {
  it('reaches the share asked for, not only the words the word-level channel lists', () => {
    for (const share of [0.01, 0.03]) {
      const { damaged, words } = vieDamage(prose, share, 7);
      expect(damaged / words).toBeGreaterThan(share / 2);
      expect(damaged / words).toBeLessThan(share * 2);
    }
  });

  it('damages more words at a higher share', () => {
    expect(vieDamage(prose, 0.03, 7).damaged).toBeGreaterThan(vieDamage(prose, 0.01, 7).damaged);
  });

  it('changes only the words it counts as damaged, keeping the rest and the spacing', () => {
    const { text, damaged } = vieDamage(prose, 0.03, 7);
    const [a, b] = [prose.split(' '), text.split(' ')];
    expect(b.length).toBe(a.length);
    expect(a.filter((w, i) => w !== b[i]).length).toBe(damaged);
  });

  it('misreads a letter as the character table says OCR reads that true letter, not the other way round', () => {
    // chars: true letter -> [seen letter ('' dropped), log10 P(seen | true)]; words: seen word -> [true word, ...].
    const table = JSON.parse(readFileSync(new URL('../dictionaries/channel-vie.json', import.meta.url), 'utf8')) as Record<'chars' | 'words', Record<string, [string, number][]>>;
    const misreads = (truth: string, seen: string) => {
      if (table.words[seen]?.some(([t]) => t === truth)) return true;
      const [a, b] = [[...truth], [...seen]];
      for (let i = 0; i < a.length; i++) {
        const row = table.chars[a[i]!] ?? [];
        const rest = (n: number) => a.slice(i + 1).join('') === b.slice(n).join('') && a.slice(0, i).join('') === b.slice(0, i).join('');
        if (row.some(([o]) => o !== a[i] && (o === '' ? rest(i) : o === b[i] && rest(i + 1)))) return true;
      }
      return false;
    };
    const { text } = vieDamage(prose, 0.03, 7);
    const pairs = prose.split(' ').map((w, i) => [w.toLowerCase().replace(/[.,]/g, ''), text.split(' ')[i]!.toLowerCase().replace(/[.,]/g, '')]);
    const damaged = pairs.filter(([a, b]) => a !== b);
    expect(damaged.length).toBeGreaterThan(0);
    for (const [truth, seen] of damaged) expect(misreads(truth!, seen!), `${truth} -> ${seen}`).toBe(true);
  });
});
