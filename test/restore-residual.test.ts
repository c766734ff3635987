import { describe, expect, it } from 'vitest';
import { loadRestorer } from '../src/restore/index.js';

// Text that reads as correct gets the Vietnamese-model channel word by word (issue 18). Sentences written for
// this test.
describe('the residual channel of text that reads as correct', async () => {
  const restorer = await loadRestorer();
  const plain = 'Buổi chiều, cả nhà quây quần bên mâm cơm, kể cho nhau nghe chuyện học hành, chuyện làm ăn ở chợ và ngoài đồng.';

  it("keeps the writer's own slips that no misreading the channel learned explains", () => {
    // "cửa" for của, "rẵng" for rằng, "tim" for tìm: neither the hook, the tilde nor a lost grave is an OCR misreading it knows.
    const text = `Đó là niềm tự hào cửa cả đất nước. Ai cũng nói rẵng chúng ta phải cố gắng để tim cách vượt qua khó khăn. ${plain}`;
    const result = restorer.restore(text);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(text);
  });

  it('repairs words that lost a letter OCR drops, or a hook it drops, when the context agrees', () => {
    const text = `Hôm ấy trời khôg mưa, trog nhà ai cũng vui, cả nhà ngồi bên một cái bàn nho ăn cơm. ${plain}`;
    const result = restorer.restore(text);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(text.replace('khôg', 'không').replace('trog', 'trong').replace('bàn nho', 'bàn nhỏ'));
  });

  it('keeps foreign words and names that are no syllable when only an unseen change would make one', () => {
    const text = `Trong trận đấu tối qua, cầu thủ Maxi và đồng đội Minho đã ghi bàn, rồi gửi email cảm ơn người hâm mộ. ${plain} ${plain}`;
    const result = restorer.restore(text);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(text);
  });
});
