// Names in restoration and adapting a model to an archive, on small models built here.
import { describe, expect, it } from 'vitest';
import { LanguageModel } from '../src/restore/lm/model.js';
import { adaptModel, trainModel } from '../src/restore/index.js';
import { Restorer } from '../src/restore/restorer.js';
import { isMinorityShaped } from '../src/text/minority.js';

const repeat = (lines: string[], n: number) => Array.from({ length: n }, () => lines).flat();

// "hung" is commoner than "hùng" in lower case; as a name inside a sentence it is Hùng.
const TEXT = [
  ...repeat(['con chó hung dữ chạy ra đường.', 'tính nết hung hăng của nó.', 'mọi người sợ hung thần.'], 4),
  ...repeat(['hôm qua ông Hùng về thăm quê.', 'bà bảo anh Hùng đi chợ.', 'về thăm quê hôm qua.'], 2),
];
const model = () => LanguageModel.fromBuffer(trainModel(() => TEXT, { minWordCount: 1, minTrigramCount: 1 }));

describe('names', () => {
  const restorer = new Restorer(model(), 'old', new Set());

  it('counts the syllables written in Title Case inside a sentence', () => {
    const m = restorer.model;
    expect(m.names[m.id('hùng')]).toBe(4);
    expect(m.names[m.id('hung')]).toBe(0);
    expect(m.names[m.id('hôm')]).toBe(0);
  });

  it('restores a Title Case word inside a sentence as the name its letters are most used for', () => {
    expect(restorer.restore('ba bao Hung.').text).toBe('bà bảo Hùng.');
    // The same letters in lower case are the common word, and a capital that starts a sentence is no evidence.
    expect(restorer.restore('ba bao hung.').text).toBe('bà bảo hung.');
    expect(restorer.restore('Hung than.').text).toBe('Hung thần.');
  });

  it("reads the word after a table rule as its cell's first word, not a name", () => {
    // OCR reads a table's ruled line as "|": the cell after it starts as a sentence does.
    expect(restorer.restore('ba bao | Hung.').text).toBe('bà bảo | Hung.');
    expect(restorer.restore('ba bao Hung.').text).toBe('bà bảo Hùng.');
  });

  it('keeps a name it does not know as it is written', () => {
    const text = 'hôm qua ông Trịnh về thăm quê, bà Hoằng bảo anh Hùng đi chợ.';
    expect(restorer.restore(text).text).toBe(text);
  });
});

describe('adapting a model to an archive', () => {
  const base = model();
  const archive = LanguageModel.fromBuffer(
    trainModel(() => repeat(['Ban chỉ đạo xã Hoằng Quỳ họp bàn kế hoạch.', 'xã Hoằng Quỳ tổ chức tập huấn.'], 3), { minWordCount: 1, minTrigramCount: 1 }),
  );
  const mixed = LanguageModel.fromBuffer(adaptModel(base, archive, 0.5));

  it('knows the words of both models', () => {
    for (const w of ['hung', 'hùng', 'quỳ', 'hoằng', 'tập']) expect(mixed.has(w), w).toBe(true);
  });

  it('stays close to a probability distribution: p(w | u v) sums to about 1 (backoff weights are mixed, not renormalised)', () => {
    for (const [u, v] of [['xã', 'hoằng'], ['ông', 'hùng'], ['<s>', '<s>'], ['chó', 'xyz']]) {
      let total = 0;
      mixed.vocab.forEach((_, w) => {
        if (w !== mixed.bos) total += 10 ** mixed.logProb3(mixed.id(u!), mixed.id(v!), w);
      });
      expect(total, `${u} ${v}`).toBeGreaterThan(0.8);
      expect(total, `${u} ${v}`).toBeLessThan(1.2);
    }
  });

  it('restores with what each model knows', () => {
    const restorer = new Restorer(mixed, 'old', new Set());
    expect(restorer.restore('xa Hoang Quy to chuc tap huan.').text).toBe('xã Hoằng Quỳ tổ chức tập huấn.');
    expect(restorer.restore('con cho hung du chay ra duong.').text).toBe('con chó hung dữ chạy ra đường.');
  });
});

describe('the shipped model beyond legal prose', async () => {
  const { loadRestorer } = await import('../src/restore/index.js');
  const restorer = await loadRestorer();
  // Written for this test, in several genres.
  const correct = [
    'Sáng nay, mưa lớn kéo dài khiến nhiều tuyến đường ở trung tâm thành phố bị ngập sâu, người dân phải dắt xe qua các đoạn ngập.',
    'Tôi trông ông quen quen, hình như chúng ta đã gặp nhau ở đâu đó rồi thì phải.',
    'Anh Hùng cười, bảo rằng chiều mai cả nhà sẽ về quê thăm bà ngoại ở Đô Lương.',
    'Sở Tài nguyên và Môi trường đề nghị Ủy ban nhân dân các huyện kiểm tra, xử lý dứt điểm các trường hợp vi phạm.',
  ].join('\n');

  it('leaves correct text of every kind as it is (the residual channel does not touch it)', () => {
    const result = restorer.restore(correct);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(correct);
  });

  it('knows the names of minority languages that no Vietnamese syllable spells (Đắk Lắk, Krông Pắc)', () => {
    const text = 'Ủy ban nhân dân tỉnh Đắk Lắk giao huyện Krông Pắc triển khai.';
    expect(restorer.restore(text).mode).toBe('correct');
    expect(restorer.restore(text).text).toBe(text);
    expect(restorer.restore(text, { source: 'ocr' }).text).toBe(text);
    expect(restorer.restore('Uy ban nhan dan tinh Dak Lak bao cao.').text).toBe('Ủy ban nhân dân tỉnh Đắk Lắk báo cáo.');
    // A foreign word OCR'd keeps its letters: "Email" is no name to be read as another word.
    const box = 'Ký bởi: Ủy ban nhân dân tỉnh Đắk Lắk\nEmail: ubnd@daklak.gov.vn\nCơ quan: Tỉnh Đắk Lắk';
    expect(restorer.restore(box, { source: 'ocr' }).text).toBe(box);
  });

  it('keeps as read a minority name Vietnamese-model OCR gave, which no syllable spells, and still mends a misread word beside it', () => {
    const names = 'Ủy ban nhân dân các xã Chư Păh, Ia Grai, Đak Đoa, Kbang và Đắk Glong; ông Y Brơm Niê.';
    expect(restorer.restore(names, { source: 'ocr', mode: 'ocr-vie' }).text).toBe(names);
    expect(restorer.restore('Ủy ban nhân dân xã Đắk Glong báo cáo tình hình kinh tế xã hôi.', { source: 'ocr', mode: 'ocr-vie' }).text).toBe('Ủy ban nhân dân xã Đắk Glong báo cáo tình hình kinh tế xã hội.');
  });

  it('tells a minority name by its shape: an onset, an apostrophe or a final letter no Vietnamese syllable has', () => {
    expect(['glong', 'kbang', 'brơm', 'păh', "h'leo", 'đak', 'hmông'].every(isMinorityShaped)).toBe(true);
    expect(['long', 'tlnh', 'ubnd', '2025'].some(isMinorityShaped)).toBe(false);
  });

  it('restores everyday words and names in stripped text', () => {
    expect(restorer.restore('Toi trong ong quen quen.').text).toBe('Tôi trông ông quen quen.');
    expect(restorer.restore('Chieu mai anh Hung ve que tham ba ngoai.').text).toBe('Chiều mai anh Hùng về quê thăm bà ngoại.');
  });

  it('recognises correct-looking text with scattered misreadings as OCR and repairs them', () => {
    const ocr = 'Đồng chí Bí thư Chỉ bộ thôn chủ trì cuộc họp bàn cách xử lý nghiêm hành vị vi phạm pháp luật về đất đai.';
    const right = 'Đồng chí Bí thư Chi bộ thôn chủ trì cuộc họp bàn cách xử lý nghiêm hành vi vi phạm pháp luật về đất đai.';
    const out = restorer.restore(ocr).text.split(' ');
    // "Chỉ bộ" is repaired; "hành vị" may stay (the channel learned from 90 pages has seen no "vi" read as "vị"),
    // and no other word changes.
    expect(out[4]).toBe('Chi');
    right.split(' ').forEach((w, i) => expect([w, ocr.split(' ')[i]]).toContain(out[i]));
    // Said to be correct, its accented words are left alone.
    const asCorrect = restorer.restore(ocr, { mode: 'correct' }).text;
    expect(asCorrect).toContain('Chỉ bộ');
    expect(asCorrect).toContain('hành vị');
  });

  it('reads a marked word of correct-looking text that is no syllable as a misreading, and keeps names it cannot read', () => {
    // "rồị" (two tone marks) and "khônø" (a letter Vietnamese does not write) cannot be right.
    const ocr = `${correct}\nTôi đã nói với anh ấy rồị mà anh vẫn khônø nghe, cứ một mực đến nhà ông Müller ở phố Hàng Bông.`;
    const out = restorer.restore(ocr);
    expect(out.mode).toBe('correct');
    expect(out.text).toBe(`${correct}\nTôi đã nói với anh ấy rồi mà anh vẫn không nghe, cứ một mực đến nhà ông Müller ở phố Hàng Bông.`);
    // Said to be correct, nothing changes.
    expect(restorer.restore(ocr, { mode: 'correct' }).text).toBe(ocr);
  });

  it('keeps a word with letters of another script as written, in correct text and in OCR text', () => {
    // The Chinese character glued to "là" was read as debris and dropped, leaving "là".
    const quoted = `${correct}\nNguyên chữ huyền 玄là chữ của Lão Tử, còn chữ 人 là người, và hệ số Xαy là một.`;
    expect(restorer.restore(quoted).text).toBe(quoted);
    expect(restorer.restore('Nguyen chu 玄la cua Lao Tu', { mode: 'ocr-eng' }).text).toContain('玄la');
  });

  it('keeps two syllables OCR read without the space between them', () => {
    // "ởTrường" was read as one damaged word and its "ở" dropped, in every mode but correct.
    for (const mode of ['auto', 'ocr-vie', 'ocr-eng'] as const) {
      expect(restorer.restore('Tôi đi học ởTrường Đại học Vinh.', { mode }).text).toContain('ởTrường');
    }
  });
});
