import { describe, expect, it } from 'vitest';
import { vieDamage } from '../scripts/lib/vie-damage.js';

// Everyday prose with none of the few words the word-level channel lists, repeated to a few hundred words.
const prose = 'Tôi trông ông quen quen, hình như đã gặp ở đâu rồi. Chị ấy ngồi bên cửa sổ nhìn ra cánh đồng lúa chín. '.repeat(20);

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
});
