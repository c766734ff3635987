import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../src/text/fold.js';
import { LanguageModel } from '../src/restore/lm/model.js';
import { loadRestorer, trainModel } from '../src/restore/index.js';
import { Restorer } from '../src/restore/restorer.js';

const TRAINING = [
  'Ban Thường vụ Tỉnh ủy ban hành kế hoạch triển khai chuyển đổi số.',
  'Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo tình hình thực hiện kế hoạch.',
  'Sở Khoa học và Công nghệ tổ chức tập huấn cho cán bộ, công chức.',
  'Người dân được hướng dẫn cài đặt ứng dụng định danh điện tử.',
  'Các xã tổ chức tập huấn kỹ năng số cho người dân trên địa bàn.',
  'Bàn giao tài liệu cho các ban, ngành trong tuần.',
];

function smallModel(): LanguageModel {
  return LanguageModel.fromBuffer(trainModel(() => [...TRAINING, ...TRAINING], { minWordCount: 1, minTrigramCount: 1 }));
}

describe('language model', () => {
  it('is a probability distribution: p(w | u v) sums to about 1 over the vocabulary', () => {
    const m = smallModel();
    for (const [u, v] of [['ban', 'thường'], ['tổ', 'chức'], ['<s>', '<s>'], ['người', 'xyz']]) {
      let total = 0;
      m.vocab.forEach((_, w) => {
        if (w !== m.bos) total += 10 ** m.logProb3(m.id(u!), m.id(v!), w);
      });
      expect(total, `${u} ${v}`).toBeGreaterThan(0.85);
      expect(total, `${u} ${v}`).toBeLessThan(1.15);
    }
  });

  it('prefers seen continuations to unseen ones', () => {
    const m = smallModel();
    expect(m.logProb3(m.id('tỉnh'), m.id('ủy'), m.id('báo'))).toBeGreaterThan(m.logProb3(m.id('tỉnh'), m.id('ủy'), m.id('cài')));
  });

  it('round-trips through its file format and rejects other files', () => {
    const buffer = trainModel(() => TRAINING, { minWordCount: 1, minTrigramCount: 1 });
    const m = LanguageModel.fromBuffer(buffer);
    expect(m.vocab).toContain('huấn');
    expect(() => LanguageModel.fromBuffer(Buffer.from('not a model'))).toThrow();
  });
});

describe('restorer on a small model', () => {
  const restorer = new Restorer(smallModel(), 'old', new Set(['UBND']));

  it('restores stripped text it has the words for', () => {
    expect(restorer.restore('Ban Tuyen giao va Dan van Tinh uy bao cao tinh hinh thuc hien ke hoach.').text).toBe(
      'Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo tình hình thực hiện kế hoạch.',
    );
  });

  it('uses context to choose between forms of one folded word', () => {
    expect(restorer.restore('Ban Thuong vu Tinh uy ban hanh ke hoach.').text).toBe('Ban Thường vụ Tỉnh ủy ban hành kế hoạch.');
    expect(restorer.restore('Ban giao tai lieu cho cac ban, nganh.').text).toMatch(/^Bàn giao/);
  });
});

describe('restorer on the shipped model', async () => {
  const restorer = await loadRestorer();
  const correct = `BÁO CÁO
Tình hình triển khai thực hiện Kế hoạch số 265-KH/TU ngày 24/4/2025 của Ban Thường vụ Tỉnh ủy.
- Sở Khoa học và Công nghệ phối hợp với UBND xã tổ chức tập huấn cho 38 doanh nghiệp; xem https://dichvucong.gov.vn.
`;

  it('leaves correct text as it is', () => {
    const result = restorer.restore(correct);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(correct);
    expect(result.changes).toEqual([]);
  });

  it('keeps names the model never saw in correct text', () => {
    const text = `${correct}Bà Trịnh Thị Hoài, Phó Chủ tịch UBND xã Hoằng Quỳ, báo cáo kết quả với Ban Thường vụ Tỉnh ủy.\n`;
    const result = restorer.restore(text);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(text);
  });

  it('restores stripped text line for line, leaving codes, numbers, URLs and acronyms alone', () => {
    const stripped = foldDiacritics(correct);
    const result = restorer.restore(stripped);
    expect(result.mode).toBe('unaccented');
    expect(result.text.split('\n')).toHaveLength(correct.split('\n').length);
    for (const kept of ['265-KH/TU', '24/4/2025', 'UBND', 'https://dichvucong.gov.vn', '38']) expect(result.text).toContain(kept);
    const words = correct.split(/\s+/);
    const got = result.text.split(/\s+/);
    const right = words.filter((w, i) => got[i] === w).length;
    expect(right / words.length).toBeGreaterThan(0.9);
  });

  it('reports each change with its place and a confidence', () => {
    const result = restorer.restore('Noi dung\nBan Tuyen giao bao cao');
    const change = result.changes.find((c) => c.from === 'Tuyen');
    expect(change).toMatchObject({ line: 1, column: 4, to: 'Tuyên' });
    expect(change!.confidence).toBeGreaterThan(0.5);
    expect(change!.confidence).toBeLessThanOrEqual(1);
  });

  it('writes the new tone style when asked, and accepts NFD input', async () => {
    const newStyle = await loadRestorer({ toneStyle: 'new' });
    expect(newStyle.restore('Tinh uy Thanh Hoa').text).toBe('Tỉnh uỷ Thanh Hoá');
    expect(restorer.restore('Tỉnh ủy Thanh Hóa'.normalize('NFD')).text).toBe('Tỉnh ủy Thanh Hóa');
  });

  it('keeps the accented words of mixed input and restores the rest around them', () => {
    const result = restorer.restore('Sở Khoa học va Cong nghe tổ chức tap huan cho can bo');
    expect(result.text).toBe('Sở Khoa học và Công nghệ tổ chức tập huấn cho cán bộ');
  });
});
