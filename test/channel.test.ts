import { describe, expect, it } from 'vitest';
import { alignChars } from '../src/restore/channel/align.js';
import { capsLines, ocrCasing } from '../src/restore/channel/ocr-case.js';
import { reshapeOcrTokens } from '../src/restore/channel/ocr-reshape.js';
import { ocrWordTokens, repairCode } from '../src/restore/channel/ocr-tokens.js';
import { loadRestorer, loadModel } from '../src/restore/index.js';
import { detectMode, paragraphMode, paragraphs } from '../src/restore/detect.js';
import { CandidateIndex } from '../src/restore/candidates.js';
import { OcrChannel } from '../src/restore/channel/ocr-channel.js';
import { DEFAULT_MODEL } from '../src/restore/index.js';
import { tokenize } from '../src/text/tokenize.js';
import path from 'node:path';

const model = loadModel(DEFAULT_MODEL);
const index = new CandidateIndex(model);
const channel = OcrChannel.load(path.join(path.dirname(DEFAULT_MODEL), 'channel-eng.json'), model, index);
const names = (seen: string) => channel.candidates(seen).map((c) => model.vocab[c.id]);

describe('the real scans overlay', () => {
  const vie = path.join(path.dirname(DEFAULT_MODEL), 'channel-vie.json');
  const scans = path.join(path.dirname(DEFAULT_MODEL), 'channel-vie-scans.json');
  it('makes the tone lost over a hat likelier, and leaves every other reading as learned', () => {
    const learned = OcrChannel.load(vie, model, index);
    const overlaid = OcrChannel.load(vie, model, index, [scans]);
    expect(overlaid.logProb('tổng', 'tông')).toBeGreaterThan(learned.logProb('tổng', 'tông') + 1);
    expect(overlaid.logProb('tổng', 'tổng')).toBe(learned.logProb('tổng', 'tổng'));
    expect(overlaid.logProb('tống', 'tông')).toBeGreaterThan(learned.logProb('tống', 'tông'));
    // Plain vowels lose their tones on real scans no more often than on renders.
    expect(overlaid.logProb('tóm', 'tom')).toBe(learned.logProb('tóm', 'tom'));
  });
});

describe('character alignment', () => {
  it('pairs substitutions, insertions and deletions', () => {
    const pairs = alignChars('của', 'ciia');
    expect(pairs).toHaveLength(4);
    expect(pairs).toContainEqual(['ủ', 'i']);
    expect(pairs).toContainEqual(['', 'i']);
    expect(pairs[0]).toEqual(['c', 'c']);
    expect(pairs[3]).toEqual(['a', 'a']);
    expect(alignChars('số', 's')).toEqual([['s', 's'], ['ố', '']]);
  });
});

describe('learned English-model OCR channel', () => {
  it.each([
    ['s6', 'số'],
    ['ciia', 'của'],
    ['vé', 'về'],
    ['thué', 'thuế'],
    ['uiy', 'ủy'],
  ])('offers %s -> %s among the candidates', (seen, truth) => {
    expect(names(seen)).toContain(truth);
  });

  it('scores a likely confusion above an unlikely one', () => {
    expect(channel.logProb('số', 's6')).toBeGreaterThan(channel.logProb('số', 'sx'));
    expect(channel.logProb('của', 'của')).toBeGreaterThan(channel.logProb('của', 'ciia'));
  });
});

describe('OCR tokens', () => {
  it('turns damaged words into words and keeps codes and numbers protected', () => {
    const tokens = ocrWordTokens(tokenize('Ké hoach s6 265-KH/TU, S& Tinh @y nam 2025'));
    const words = tokens.filter((t) => t.kind === 'word').map((t) => t.text);
    expect(words).toEqual(['Ké', 'hoach', 's6', 'S&', 'Tinh', '@y', 'nam']);
    expect(tokens.filter((t) => t.kind === 'protected').map((t) => t.text)).toEqual(['265-KH/TU', '2025']);
    expect(tokens.map((t) => t.text).join('')).toBe('Ké hoach s6 265-KH/TU, S& Tinh @y nam 2025');
  });

  it('joins symbols and digits read for letters, and splits word compounds at slashes but not codes', () => {
    const text = 'ti€p c¢6 1& hoi & xa nguoi/Trung 16p/nam 144/2017/ND-CP KH/TU';
    const tokens = ocrWordTokens(tokenize(text));
    expect(tokens.filter((t) => t.kind === 'word').map((t) => t.text)).toEqual(['ti€p', 'c¢6', '1&', 'hoi', '&', 'xa', 'nguoi', 'Trung', '16p', 'nam']);
    expect(tokens.filter((t) => t.kind === 'protected').map((t) => t.text)).toEqual(['144/2017/ND-CP', 'KH/TU']);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
  });

  it('restores the bar of Đ in code parts that always have it, and only whole parts', () => {
    expect(repairCode('144/2017/ND-CP')).toBe('144/2017/NĐ-CP');
    expect(repairCode('32/2016/QD-TTg')).toBe('32/2016/QĐ-TTg');
    expect(repairCode('265-KH/TU')).toBe('265-KH/TU');
    expect(repairCode('12/UBND-VX')).toBe('12/UBND-VX');
  });
});

describe('word boundaries OCR got wrong', () => {
  const best = (w: string) => channel.candidates(w)[0]?.prior ?? -Infinity;
  const words = (text: string) => reshapeOcrTokens(ocrWordTokens(tokenize(text)), best).map((t) => t.text).join('|');
  it('splits two syllables run together and joins one broken in two', () => {
    expect(words('triénkhai phdpluat')).toBe('trién| |khai| |phdp| |luat');
    expect(words('ngu ời dan kh ong')).toBe('nguời| |dan| |khong');
  });

  it('leaves words that read well alone', () => {
    expect(words('Tinh iy bao céo ngu di')).toBe('Tinh| |iy| |bao| |céo| |ngu| |di');
  });
});

describe('case of English-model OCR', () => {
  it.each([
    ['biéu', 'điều', false, 'title'],
    ['Piéu', 'điều', false, 'title'],
    ['PANG', 'đảng', true, 'upper'],
    ['BO', 'bộ', false, 'title'],
    ['BO', 'bộ', true, 'upper'],
    ['Iya', 'lựa', false, 'lower'],
    ['S&', 'sở', false, 'title'],
    ['hoach', 'hoạch', false, 'lower'],
    ['VI', 'vi', false, 'upper'],
  ] as const)('%s -> %s (caps line %s): %s', (seen, chosen, caps, casing) => {
    expect(ocrCasing(seen, chosen, caps)).toBe(casing);
  });

  it('finds header lines by their share of capitals', () => {
    expect(capsLines('ĐẢNG CỘNG SẢN VIỆT NAM\nBan Thường vụ Tỉnh ủy\n')).toEqual([true, false, false]);
  });
});

describe('input detection', () => {
  const known = (key: string) => index.forms(key).length > 0;
  it.each([
    ['Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo tình hình triển khai kế hoạch trên địa bàn tỉnh.', 'correct'],
    ['Ban Tuyen giao va Dan van Tinh uy bao cao tinh hinh trien khai ke hoach tren dia ban tinh.', 'unaccented'],
    ['Ban Tuyén gido va Dan van Tinh iy bao céo tinh hinh trién khai Ké hoach s6 ciia tinh.', 'ocr-eng'],
    // A poor scan read by the Vietnamese model: most words keep their marks, many are misread.
    ['Ban Tuyên giáọ và Dân vặn Tỉnh ủy báo cáọ tình hinh triễn khai kế hoạcn trên địạ bàn tĩnh.', 'ocr-vie'],
  ])('%s -> %s', (text, mode) => {
    expect(detectMode(tokenize(text), known).mode).toBe(mode);
  });

  it('splits paragraphs at blank lines and lets only long, clear-cut ones overrule the document', () => {
    expect(paragraphs(tokenize('a b\nc\n\nd e\n \n')).map((p) => p.map((t) => t.text).join(''))).toEqual(['a b\nc\n\n', 'd e\n \n']);
    const words = (n: number, w: string) => Array(n).fill(w).join(' ');
    expect(paragraphMode(detectMode(tokenize(words(25, 'ciia')), known))).toBe('ocr-eng');
    expect(paragraphMode(detectMode(tokenize(words(10, 'ciia')), known))).toBeUndefined();
    expect(paragraphMode(detectMode(tokenize(words(25, 'cua')), known))).toBe('unaccented');
    expect(paragraphMode(detectMode(tokenize(words(25, 'của')), known))).toBe('correct');
    expect(paragraphMode(detectMode(tokenize(words(25, 'củạ')), known))).toBe('ocr-vie');
  });
});

describe('restoring English-model OCR', async () => {
  const restorer = await loadRestorer();
  it('repairs a garbled line written for this test', () => {
    const result = restorer.restore('Ban Tuyén gido va Dan van Tinh iy bao céo két qua trién khai Ké hoach s6 265-KH/TU ciia tinh.');
    expect(result.mode).toBe('ocr-eng');
    expect(result.text).toBe('Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo kết quả triển khai Kế hoạch số 265-KH/TU của tỉnh.');
  });

  it('repairs capitals, codes and symbols that OCR damaged', () => {
    const result = restorer.restore('Ban Tuyén gido va Dan van Tinh iy bao céo két qua trién khai Ké hoach s6 265-KH/TU ciia tinh.\n(biéu 5 Nghi dinh s6 144/2017/ND-CP) BO Tu phap c¢6 y kién & xa.');
    expect(result.text.split('\n')[1]).toBe('(Điều 5 Nghị định số 144/2017/NĐ-CP) Bộ Tư pháp có ý kiến ở xã.');
  });

  it('reads capitals as syllables when the channel reads them well, and keeps acronyms', () => {
    const result = restorer.restore('TINH UY THANH HOA PANG CONG SAN VIET NAM\nUBND tinh va HDND, MTTQ tinh bao céo két qua trién khai Ké hoach s6 265-KH/TU ciia tinh.');
    expect(result.text).toMatch(/^TỈNH ỦY THANH HÓA ĐẢNG CỘNG SẢN VIỆT NAM\nUBND tỉnh và HĐND, MTTQ tỉnh báo cáo/);
  });

  it('restores words OCR ran together or broke apart', () => {
    expect(restorer.restore('Ban Tuyén gido va Dan van Tinh iy bao céo két qua triénkhai Ké hoach s6 265-KH/TU ciia tinh vé phdpluat cho ngu ời dan.').text).toBe(
      'Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo kết quả triển khai Kế hoạch số 265-KH/TU của tỉnh về pháp luật cho người dân.',
    );
  });

  it('reads each long paragraph on its own: an English-model OCR page among correct pages', () => {
    const correct = 'Ban Thường vụ Tỉnh ủy chỉ đạo các cấp ủy, tổ chức đảng tiếp tục đẩy mạnh công tác tuyên truyền, phổ biến, giáo dục pháp luật cho cán bộ, đảng viên và nhân dân trên địa bàn tỉnh.';
    const garbled = 'Ban Tuyén gido va Dan van Tinh iy bao céo két qua trién khai Ké hoach s6 265-KH/TU ciia tinh, cdc c¢ quan don vi da t6 chirc thuc hién nghiém tic.';
    const unaccented = 'Uy ban nhan dan tinh giao So Tai chinh chu tri, phoi hop voi cac so, nganh lien quan tham muu bo tri kinh phi thuc hien ke hoach trong nam.';
    const result = restorer.restore(`${correct}\n\n${garbled}\n\n${unaccented}\n\n${correct}\n\n${correct}`);
    expect(result.mode).toBe('correct');
    const [first, second, third] = result.text.split('\n\n');
    expect(first).toBe(correct);
    expect(second).toMatch(/^Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo kết quả triển khai Kế hoạch số 265-KH\/TU của tỉnh/);
    expect(third).toMatch(/^Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan/);
  });

  it('takes words that are also names of object properties', () => {
    const result = restorer.restore('Ké hoach s6 ciia Tinh iy: constructor __proto__ toString.', { mode: 'ocr-eng' });
    expect(result.text).toMatch(/^Kế hoạch số của Tỉnh ủy: /);
  });

  it('leaves correct text alone even when told it was OCR', () => {
    const text = 'Sở Khoa học và Công nghệ tổ chức tập huấn chuyển đổi số cho cán bộ, công chức trên địa bàn tỉnh.';
    expect(restorer.restore(text, { source: 'ocr' }).text).toBe(text);
    // A rarer form of its key ("đẩy" beside đây, đầy, dạy, dây...), Roman numerals, and M&A.
    const more = 'Ban Thường vụ chỉ đạo đẩy mạnh công tác tuyên truyền theo Chương VI của Luật, kể cả M&A.';
    expect(restorer.restore(more, { source: 'ocr' }).text).toBe(more);
  });
});

describe('restoring Vietnamese-model OCR', async () => {
  const restorer = await loadRestorer();
  const restore = (text: string) => restorer.restore(text, { source: 'ocr' });

  it('keeps names and header words OCR read as syllables, and still fixes what it misread', () => {
    const text = 'ĐẢNG ỦY XÃ HÓA QUỲ\nBà Trịnh Thị Hoài, đồng chí Đỗ Văn Hạc và Lê Hoằng báo cáo với Ban Thường vụ Tỉnh ủy về tố chức sinh hoạt.';
    const result = restore(text);
    expect(result.mode).toBe('ocr-vie');
    expect(result.text).toBe(text.replace('tố chức', 'tổ chức'));
    expect(result.changes.map((c) => `${c.from}>${c.to}`)).toEqual(['tố>tổ']);
    // Names of places in capitals and in Title Case, mid-sentence, where the common word would read better.
    const places = 'ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA\nXã Hoằng Quỳ và xã Hoằng Hợp đã hoàn thành nhiệm vụ.';
    expect(restore(places).text).toBe(places);
    const names = 'Tham dự hội nghị có bà Lê Thị Hạnh, ông Nguyễn Văn Đạt và xã Hoằng Chỉ của tỉnh.';
    expect(restore(names).text).toBe(names);
  });

  it("gives back the tone real scans lose over a second mark on pages it OCR'd, not in text read as correct", () => {
    const text = 'Các đơn vị báo cáo tông số hồ sơ.\nCông thông tin điện tử tỉnh đăng tải.';
    expect(restore(text).text).toBe('Các đơn vị báo cáo tổng số hồ sơ.\nCổng thông tin điện tử tỉnh đăng tải.');
    // Correct-looking text may as well be printed so: the scans' overlay is not its channel.
    expect(restorer.restore(text).text).toBe(text);
    // Nor is it a name's, inside a sentence: the surname Tô is no Tổ, though the language model knows "Tổ Long".
    expect(restore('Ông Phùng Tô Long phát biểu.').text).toBe('Ông Phùng Tô Long phát biểu.');
    // Unless another reading of its letters is by far the commoner name: then it is doubted, the overlay its channel.
    expect(restore('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Hoàng Tuân').text).toBe('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Hoàng Tuấn');
  });

  it('changes a syllable it read only when another is the likelier reading, and says how sure it is', () => {
    // At a line's start no name evidence helps: the model put "Tinh" a little over, not above, "Tịnh".
    const text = 'UBND xã Tịnh Hà báo cáo kết quả.\nTịnh Hà, ngày 05 tháng 12 năm 2024';
    const result = restorer.restore(text, { mode: 'ocr-vie' });
    expect(result.text).toBe(text);
    const fixed = restorer.restore('tỷ lệ hộ nghèo giẫm mạnh', { mode: 'ocr-vie' });
    expect(fixed.text).toBe('tỷ lệ hộ nghèo giảm mạnh');
    expect(fixed.changes[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('does not take names the language model never saw for English-model OCR damage', () => {
    const text = 'Đồng chí Hạc Văn Nam và ông Lê Hạc báo cáo.';
    const result = restore(text);
    expect(result.mode).toBe('ocr-vie');
    expect(result.text).toBe(text);
  });

  it('reads a line that goes on in lower case as the rest of its sentence', () => {
    const text = 'Tổ công nghệ số cộng đồng có nhiệm vụ hướng dẫn người dân sử\ndụng dịch vụ công trực tuyến.';
    expect(restore(text).text).toBe(text);
  });

  it('keeps the case OCR read, word for word', () => {
    const text = 'Ban Thường vụ Tỉnh UY chỉ đạo các cấp ủy tố chức thực hiện nghiêm túc.';
    const result = restore(text).text;
    const cased = (s: string) => s.split(/\s+/).map((w) => (w === w.toLowerCase() ? 'lower' : w === w.toUpperCase() ? 'upper' : 'title'));
    expect(cased(result)).toEqual(cased(text));
    expect(result).toContain('ỦY chỉ đạo các cấp ủy tổ chức');
  });
});
