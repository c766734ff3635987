import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../src/text/fold.js';
import { LanguageModel } from '../src/restore/lm/model.js';
import { loadRestorer, trainModel } from '../src/restore/index.js';
import { Restorer } from '../src/restore/restorer.js';
import { decode } from '../src/restore/decoder.js';
import type { Candidate } from '../src/restore/candidates.js';
import { FormCache } from '../src/restore/form-cache.js';
import { writesSmallEth } from '../src/restore/eth.js';
import { searchRun, searchRunAll } from '../src/restore/lm/keys.js';
import { foldKey } from '../src/text/fold.js';

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

  it('counts numbers and codes as <n>, not as unknown words', () => {
    const m = LanguageModel.fromBuffer(
      trainModel(() => ['Theo Nghị định số 15/2020/NĐ-CP ngày 3 tháng 2 năm 2020.', 'Điều 5 và Điều 6 của Luật số 11/2017/QH14.'], {
        minWordCount: 1,
        minTrigramCount: 1,
      }),
    );
    const after = (v: string) => m.logProb2(m.id(v), m.num);
    expect(after('số')).toBeGreaterThan(-0.5);
    expect(after('ngày')).toBeGreaterThan(-0.5);
    expect(m.logProb2(m.id('số'), m.unk)).toBeLessThan(after('số'));
  });

  it('round-trips through its file format, plain or gzipped, and rejects other files', () => {
    const buffer = trainModel(() => TRAINING, { minWordCount: 1, minTrigramCount: 1 });
    const m = LanguageModel.fromBuffer(buffer);
    expect(m.vocab).toContain('huấn');
    // Every n-gram the file lists is found again by the queries, and a pair never seen together is not.
    const bigrams: [number, number][] = [];
    const trigrams: [number, number, number][] = [];
    m.forEachNgram((v, w) => bigrams.push([v, w]), (u, v, w) => trigrams.push([u, v, w]));
    expect(bigrams.length).toBeGreaterThan(50);
    expect(trigrams.length).toBeGreaterThan(50);
    for (const [v, w] of bigrams) expect(m.bigramIndex(v, w), `${m.vocab[v]} ${m.vocab[w]}`).toBeGreaterThanOrEqual(0);
    for (const [u, v, w] of trigrams) expect(m.trigram(m.bigramIndex(u, v), w), `${m.vocab[u]} ${m.vocab[v]} ${m.vocab[w]}`).not.toBeNaN();
    expect(m.bigramIndex(m.id('huấn'), m.id('ban'))).toBe(-1);
    expect(m.trigram(m.bigramIndex(m.id('tập'), m.id('huấn')), m.id('tỉnh'))).toBeNaN();
    const zipped = LanguageModel.fromBuffer(gzipSync(buffer));
    for (const [u, v, w] of trigrams) expect(zipped.logProb3(u, v, w)).toBe(m.logProb3(u, v, w));
    expect(() => LanguageModel.fromBuffer(Buffer.from('not a model'))).toThrow();
    expect(() => LanguageModel.fromBuffer(buffer.subarray(0, buffer.length - 64))).toThrow(/truncated/);
  });

  it('numbers the forms of each folded key in a row, the special tokens first', () => {
    const m = smallModel();
    expect(m.vocab.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<n>']);
    const keys = m.vocab.map((w) => foldKey(w));
    // A key that comes back after another key would split its forms ("ban", "bàn" and "bán" apart).
    const seen = new Set<string>();
    keys.forEach((k, id) => {
      if (id > 0 && keys[id - 1] !== k) expect(seen.has(k), k).toBe(false);
      seen.add(k);
    });
    expect(keys.filter((k) => k === 'ban').length).toBeGreaterThan(1);
  });

  it('finds a set of ids in a sorted run as one search for each would', () => {
    let seed = 3;
    const random = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    for (let trial = 0; trial < 500; trial++) {
      const words = Uint16Array.from(new Set(Array.from({ length: random(300) }, () => random(1000)))).sort();
      const [from, to] = [random(words.length + 1), random(words.length + 1)].sort((a, b) => a - b) as [number, number];
      // Runs of neighbours, as a word's forms are, and ids spread anywhere.
      const base = random(1000);
      const ids = Int32Array.from(new Set(Array.from({ length: 1 + random(8) }, () => (trial % 2 ? base + random(12) : random(1000))))).sort();
      const found = new Int32Array(ids.length);
      searchRunAll(words, from, to, ids, ids.length, found);
      expect(Array.from(found), `trial ${trial}`).toEqual(Array.from(ids, (id) => searchRun(words, from, to, id)));
    }
  });
});

describe('decoder', () => {
  /** The best path by trying every one: the score the beam search must reach when its beam holds every state. */
  function bestByBruteForce(m: LanguageModel, positions: Candidate[][]): { choices: number[]; score: number } {
    let best = { choices: [] as number[], score: -Infinity };
    const visit = (i: number, choices: number[]) => {
      if (i === positions.length) {
        const ids = [m.bos, m.bos, ...choices.map((c, k) => positions[k]![c]!.id), m.eos];
        let score = choices.reduce((s, c, k) => s + positions[k]![c]!.prior, 0);
        for (let k = 2; k < ids.length; k++) score += m.logProb3(ids[k - 2]!, ids[k - 1]!, ids[k]!);
        if (score > best.score) best = { choices, score };
        return;
      }
      positions[i]!.forEach((_, c) => visit(i + 1, [...choices, c]));
    };
    visit(0, []);
    return best;
  }

  it('finds the best path when two candidates a position leave at most four states', () => {
    const m = smallModel();
    // Stretches of the training sentences, each word against a random other one (a fixed seed), with priors
    // that sometimes pull against the model: seen trigrams, backed-off ones and unseen contexts all occur.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sentences = TRAINING.map((t) => t.toLowerCase().split(/[\s.,]+/).filter(Boolean).map((w) => m.id(w)));
    const words = m.vocab.map((_, id) => id).filter((id) => id > m.num);
    for (let trial = 0; trial < 300; trial++) {
      const sentence = sentences[trial % sentences.length]!;
      const start = Math.floor(random() * sentence.length);
      const positions = sentence.slice(start, start + 1 + (trial % 7)).map((id) => {
        const pair = [{ id, prior: -random() }, { id: words[Math.floor(random() * words.length)]!, prior: -random() }];
        return random() < 0.5 ? pair : pair.reverse();
      });
      expect(decode(m, positions), `trial ${trial}`).toEqual(bestByBruteForce(m, positions).choices);
    }
  });

  it('decodes a stretch too long for its kept working arrays, and short ones as before after it', () => {
    const m = smallModel();
    const sentence = TRAINING[1]!.toLowerCase().split(/[\s.,]+/).filter(Boolean);
    const positions = sentence.map((w) => [{ id: m.id('ban'), prior: -1 }, { id: m.id(w), prior: -0.5 }]);
    const short = decode(m, positions);
    expect(short).toEqual(bestByBruteForce(m, positions).choices);
    // 12 hypotheses a position: 8,000 positions are past what is kept between calls.
    const long = Array.from({ length: 8000 }, (_, i) => positions[i % positions.length]!);
    const choices = decode(m, long);
    expect(choices).toHaveLength(long.length);
    expect(choices.filter((c) => c === 1).length).toBeGreaterThan(long.length / 2);
    expect(decode(m, positions)).toEqual(short);
  });
});

describe('document cache of chosen forms', () => {
  const m = smallModel();
  const cands: Candidate[] = ['ban', 'bàn', 'bán'].filter((w) => m.has(w)).map((w) => ({ id: m.id(w), prior: 0 }));

  it('leaves the priors alone until the document has chosen one of the forms', () => {
    const cache = new FormCache(m);
    cache.add(m.id('tỉnh'));
    expect(cache.adjust(cands)).toBe(cands);
  });

  it('favours a form the document keeps choosing, the rarer form more, and penalises the others a little', () => {
    const byCount = [...cands].sort((a, b) => m.counts[a.id]! - m.counts[b.id]!);
    const gainOf = (chosen: Candidate) => {
      const cache = new FormCache(m);
      for (let i = 0; i < 5; i++) cache.add(chosen.id);
      const adjusted = cache.adjust(cands);
      for (const c of adjusted) if (c.id !== chosen.id) expect(c.prior).toBeLessThan(0);
      for (const c of adjusted) if (c.id !== chosen.id) expect(c.prior).toBeGreaterThan(-0.1);
      cache.clear();
      expect(cache.adjust(cands)).toBe(cands);
      return adjusted.find((c) => c.id === chosen.id)!.prior;
    };
    const common = gainOf(byCount[byCount.length - 1]!);
    expect(common).toBeGreaterThan(0);
    expect(gainOf(byCount[0]!)).toBeGreaterThan(common);
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

  it('keeps a footnote marker OCR glued to a whole syllable ("cũ1,"), and still mends a digit read for a letter', () => {
    const ocr = 'Giám sát chặt chẽ các ổ dịch cũ1, xử lý triệt để ổ dịch mới phát sinh; đảng viên mới1; hiệu lực1 của văn bản.';
    expect(restorer.restore(ocr, { source: 'ocr' }).text).toBe(ocr);
    expect(restorer.restore('Ké hoach s6 265-KH/TU', { source: 'ocr' }).text).toContain('số 265');
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

  it('gives stripped codes and acronyms the bar of Đ where their parts always have it, only in stripped text', () => {
    const stripped = 'Can cu Nghi dinh so 144/2017/ND-CP va Quyet dinh so 12/QD-UBND cua HDND tinh ve viec ho tro doanh nghiep.';
    expect(restorer.restore(stripped).text).toContain('144/2017/NĐ-CP và Quyết định số 12/QĐ-UBND của HĐND tỉnh');
    const correctAsWritten = 'Căn cứ Nghị định số 144/2017/ND-CP và Quyết định số 12/QD-UBND của HDND tỉnh về việc hỗ trợ doanh nghiệp.';
    expect(restorer.restore(correctAsWritten).text).toBe(correctAsWritten);
  });

  it('reads an eth typed for Đ ("Ðiền", Windows-1258 read as Latin-1) as Đ, and keeps the letter as written', () => {
    const correctWithEth = 'Ông Ðiền về Ðồng Hới, ðến thăm Ðảng bộ xã.';
    const kept = restorer.restore(correctWithEth);
    expect(kept.mode).toBe('correct');
    expect(kept.text).toBe(correctWithEth);
    expect(kept.changes).toEqual([]);
    // Stripped text with an eth left in it (the eth is no mark to strip): the word gets its tones, the eth stays.
    const stripped = restorer.restore('Chuyen tham cua ong Ðien, ðen ngay thu bay');
    expect(stripped.text).toMatch(/^Chuyến thăm của ông Ðiền, ð\S+ ngày thứ bảy$/u);
    expect(stripped.changes.find((c) => c.from === 'Ðien')).toMatchObject({ column: 20, to: 'Ðiền' });
  });

  it('reads a small eth as đ in a text that writes its small đ otherwise (an OCR misreading), and lists the change', () => {
    const ocrLike = 'Đoàn công tác đã đến thăm ðền thờ và đi dự lễ ở đình làng.';
    const result = restorer.restore(ocrLike);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe('Đoàn công tác đã đến thăm đền thờ và đi dự lễ ở đình làng.');
    expect(result.changes).toEqual([{ line: 0, column: 26, from: 'ðền', to: 'đền', confidence: 1 }]);
    expect(restorer.restore(ocrLike, { textOnly: true }).changes).toEqual([]);
    // A text that writes every small đ as ð keeps them; the capital eth, which typists use for Đ, is kept anyway.
    const typed = 'Ðoàn công tác ðã ðến thăm ðền thờ.';
    expect(restorer.restore(typed).text).toBe(typed);
    expect(writesSmallEth(typed)).toBe(true);
    expect(writesSmallEth(ocrLike)).toBe(false);
  });

  it('reads a word of correct-looking text with a letter that only OCR writes ("tronø": ø for g) as a misreading, marked or not', () => {
    const context = 'Sáng hôm ấy, trời còn mờ sương, cả làng đã dậy sớm để ra đồng gặt lúa cho kịp mùa. ';
    const result = restorer.restore(`${context}Thế rồi tuy tronø gang tấc mà Chươnø chẳng thấy nhau.`);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(`${context}Thế rồi tuy trong gang tấc mà Chương chẳng thấy nhau.`);
    // A foreign name that no reading makes a syllable of stays as written, "ü" (no letter the channel makes) or "ø".
    const foreign = `${context}Ông Müller và bà Ødegaard đến thăm.`;
    expect(restorer.restore(foreign).text).toBe(foreign);
  });

  it('reads a marked non-syllable of correct-looking text that the index would re-accent anyway ("chùá") by the OCR channel', () => {
    const context = 'Sáng hôm ấy, trời còn mờ sương, cả làng đã dậy sớm để ra đồng gặt lúa cho kịp mùa. ';
    const result = restorer.restore(`${context}Cô đứng nhìn lên chùá thấy quả đồi, nâng lên thấỷ mạnh.`);
    expect(result.mode).toBe('correct');
    expect(result.text).toBe(`${context}Cô đứng nhìn lên chùa thấy quả đồi, nâng lên thấy mạnh.`);
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
