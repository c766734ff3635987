// No garbage as a value: a field is read, or null with an `uncertain` entry, or flagged under LOW_CONFIDENCE, by
// its own OCR words, by how it parses, and by whether the document says the same elsewhere.
import { describe, expect, it } from 'vitest';
import { isPosition, LOW_CONFIDENCE } from '../src/structure/confidence.js';
import { evidenceOf, tokensOf, WordTokens } from '../src/structure/evidence.js';
import { wordTable } from '../src/structure/word-table.js';
import { mendedRecipient } from '../src/structure/recipient-mends.js';
import { structureReport } from '../src/structure/index.js';
import type { OcrWord } from '../src/types.js';
import { lostAuthority, nameWithHead } from '../src/structure/signature-mends.js';

/** OCR words of `lines`, one OCR line each, at `confidence` unless the word is in `weak` (word -> confidence). */
function ocr(lines: readonly string[], weak: Record<string, number> = {}): { text: string; words: OcrWord[] } {
  const words = lines.flatMap((line, k) => {
    let x = 100;
    return line.split(' ').map((t) => {
      const box = { x0: x, y0: k * 60, x1: x + 20 * t.length, y1: k * 60 + 40 };
      x = box.x1 + 12;
      return { text: t, confidence: weak[t] ?? 95, page: 1, line: k, box };
    });
  });
  return { text: lines.join('\n'), words };
}

const PAGE = ['ỦY BAN NHÂN DÂN', 'TỈNH AN BÌNH', 'Số: 15/CT-UBND', 'An Bình, ngày 18 tháng 3 năm 2024', 'CHỈ THỊ', 'Về việc tăng cường công tác', 'Ngày 15 tháng 3 năm 2024 và ngày 18 tháng 3 năm 2024 Ủy ban đã họp.', 'Nơi nhận:', '- Sở Tài chính;', '- Lưu: VT.', 'CHỦ TỊCH', 'Hà Văn An'];

describe('field confidence from the OCR words the field was read from', () => {
  it('takes a number or date by its weakest token, at its own place on the page, not where the same token reads well', () => {
    // The handwritten "18" of the date and "15" of the number read poorly; the body's "15" and "18" read well.
    const page = ocr(PAGE);
    page.words[8]!.confidence = 55; // "15/CT-UBND"
    page.words[13]!.confidence = 50; // the date's "18"
    const r = structureReport(page.text, { words: page.words });
    expect(r.header).toMatchObject({ number: '15/CT-UBND', date: '2024-03-18' });
    expect(r.confidence['header.number']).toBeLessThan(LOW_CONFIDENCE);
    expect(r.confidence['header.date']).toBeLessThan(LOW_CONFIDENCE);
    expect(r.confidence['title']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    const sure = structureReport(ocr(PAGE).text, { words: ocr(PAGE).words });
    expect(sure.confidence['header.date']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it('gives the recipients a confidence, 0 when OCR\'d pages gave no list at all, none for text input', () => {
    const read = ocr(PAGE);
    expect(structureReport(read.text, { words: read.words }).confidence['recipients']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    const lost = ocr(PAGE.filter((l) => !/^(?:Nơi nhận|- )/.test(l)));
    expect(structureReport(lost.text, { words: lost.words }).confidence['recipients']).toBe(0);
    expect(structureReport(PAGE.join('\n')).confidence['recipients']).toBeUndefined();
  });
});

describe('parse checks', () => {
  it('takes a position only when it opens with a title', () => {
    for (const p of ['CHỦ TỊCH', 'PHÓ CHÁNH VĂN PHÒNG', 'TRƯỞNG PHÒNG NGHIỆP VỤ Y', 'PHÓ BÍ THƯ', 'GIÁM ĐỐC']) expect(isPosition(p), p).toBe(true);
    for (const p of ['THỦ HÚ TỊCH', 'ÁM ĐỌC', 'PHÓ', 'HÀ VĂN AN']) expect(isPosition(p), p).toBe(false);
  });

  it('takes a position one letter off a common one as it, flagged, and leaves other readings uncertain', () => {
    const sign = (position: string) => structureReport(`BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\n${position}\nTrần Văn Bình`);
    const mended = sign('PHÓ CHỦ TỊC');
    expect(mended.signature.position).toBe('PHÓ CHỦ TỊCH');
    expect(mended.confidence['signature.position']).toBeLessThan(LOW_CONFIDENCE);
    expect(mended.uncertain).toEqual([]);
    const unread = sign('HÀ VĂN AN TỊCH');
    expect(unread.signature.position).toBeNull();
    expect(unread.uncertain.map((u) => u.field)).toEqual(['signature.position']);
    expect(sign('PHÓ CHỦ TỊCH').confidence['signature.position']).toBe(1);
  });

  it('takes a reading half the way to the deputy position a "KT." line calls for as that position, flagged', () => {
    const sign = (authority: string, position: string) => structureReport(`BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\n${authority}\n${position}\nTrần Văn Bình`);
    for (const [authority, position, deputy] of [['KT. CHỦ TỊCH', 'DHÓ THỦ HỦ TỊCH', 'PHÓ CHỦ TỊCH'], ['KT. GIÁM ĐỐC', 'ÁM ĐỌC', 'PHÓ GIÁM ĐỐC'], ['KT. BỘ TRƯỞNG', 'THỨ TRUỜN', 'THỨ TRƯỞNG']]) {
      const mended = sign(authority, position);
      expect(mended.signature.position, position).toBe(deputy);
      expect(mended.confidence['signature.position']).toBeLessThan(LOW_CONFIDENCE);
    }
    // Without a "KT." line, or too far from the deputy's position, the reading stays uncertain.
    for (const [authority, position] of [['TM. ỦY BAN NHÂN DÂN', 'THỦ HÚ TỊCH'], ['KT. CHỦ TỊCH', 'HÀ VĂN AN']]) {
      const unread = sign(authority, position);
      expect(unread.signature.position, position).toBeNull();
      expect(unread.uncertain.map((u) => u.field)).toEqual(['signature.position']);
    }
  });

  it('flags a signer whose surname reads as a common one with other marks, and no other name', () => {
    const named = (name: string) => structureReport(`BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n${name}`);
    const misread = named('Nguyên Phước Bình');
    expect(misread.signature.name).toBe('Nguyên Phước Bình');
    expect(misread.confidence['signature.name']).toBeLessThan(LOW_CONFIDENCE);
    for (const name of ['Nguyễn Phước Bình', 'Ngôn Nghiệp', 'Trần Hoàng Tuấn', 'Lê Văn An', 'Đinh Thị Hồng Nhung', 'Doãn Văn Hưng', 'Lã Thị Hoa']) expect(named(name).confidence['signature.name'], name).toBe(1);
  });

  it('mends a misread surname to the common one on OCR\'d pages, flagged', () => {
    const page = (name: string) => ocr(['BÁO CÁO', 'X', '', 'Nội dung.', '', 'Nơi nhận:', '- Lưu: VT.', 'TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', name]);
    for (const [read, mended] of [['Nguyên Phước Bình', 'Nguyễn Phước Bình'], ['Lẽ Thị Hoa', 'Lê Thị Hoa'], ['Doãn Văn Hưng', 'Doãn Văn Hưng']]) {
      const { text, words } = page(read);
      const r = structureReport(text, { words });
      expect(r.signature.name, read).toBe(mended);
      if (read !== mended) expect(r.confidence['signature.name']).toBeLessThan(LOW_CONFIDENCE);
    }
  });

  it('makes number 0 null and uncertain (what OCR kept of handwritten digits)', () => {
    const r = structureReport('ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 0 /TTr-UBND\nAn Bình, ngày 20 tháng 01 năm 2025\nTỜ TRÌNH\nVề việc X');
    expect(r.header.number).toBeNull();
    expect(r.uncertain.map((u) => u.field)).toContain('header.number');
  });

  it('finds "Nơi nhận" behind a speck OCR read before it', () => {
    expect(structureReport('TỜ TRÌNH\nVề việc X\n\nKính trình.\n\n` Mi nhận: -\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nHà Văn An').recipients).toEqual(['Như trên', 'Lưu: VT']);
  });
});

describe('what the document says twice must agree', () => {
  const header = (issuer: string, place: string) => structureReport(`ĐẢNG BỘ TỈNH THANH HÓA\n${issuer}\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 45-BC/ĐU\n${place}, ngày 30 tháng 10 năm 2025\nBÁO CÁO\nKết quả tháng 10`);

  it('flags a place spelled unlike the same name in the issuer, in either tone style', () => {
    expect(header('ĐẢNG ỦY XÃ HÓA QUỲ', 'Hóa Quy').confidence['header.place']).toBeLessThan(LOW_CONFIDENCE);
    expect(header('ĐẢNG ỦY XÃ HÓA QUỲ', 'Hóa Quỳ').confidence['header.place']).toBe(1);
    expect(header('ĐẢNG ỦY XÃ HOÁ QUỲ', 'Hóa Quỳ').confidence['header.place']).toBe(1);
    // An issuer that does not read as text is flagged itself, and says nothing of the place.
    expect(header('ĐẢNG ỦY XÃ HÓA QUỲÃ', 'Hóa Quỳ').confidence['header.place']).toBe(1);
  });

  it('flags the issuer too where it and the place spell the name apart: either may be the misread one', () => {
    expect(header('ĐẢNG ỦY XÃ HÓA QUY', 'Hóa Quỳ').confidence['header.issuingBody']).toBeLessThan(LOW_CONFIDENCE);
    expect(header('ĐẢNG ỦY XÃ HÓA QUỲ', 'Hóa Quỳ').confidence['header.issuingBody']).toBe(1);
  });

  it('mends an issuer that reads as no text from the place the date line gives, flagged, and no other', () => {
    const header = (issuer: string, place: string) => structureReport(`ỦY BAN NHÂN DÂN\n${issuer}\nSố: 9/TTr-UBND\n${place}, ngày 20 tháng 01 năm 2025\nTỜ TRÌNH\nVề việc X`);
    const mended = header('TINH QUANG NGAÀI', 'Quảng Ngãi');
    expect(mended.header.issuingBody).toBe('Tỉnh Quảng Ngãi');
    expect(mended.header.issuingBodyPrinted).toBe('TINH QUANG NGAÀI');
    expect(mended.confidence['header.issuingBody']).toBeLessThan(LOW_CONFIDENCE);
    expect(header('TINH QUANG NGAÀI', 'Hà Nội').header.issuingBody).toBe('Tinh Quang Ngaài');
    expect(header('TỈNH QUẢNG NGÃI', 'Quảng Ngãi').confidence['header.issuingBody']).toBe(1);
  });

  it('takes the place as the issuer spells it where OCR read the place unsure and the issuer sure, flagged', () => {
    const read = (place: string, weak: Record<string, number>) => {
      const page = ocr(PAGE.map((l) => l.replace(/^An Bình,/, `${place},`)), weak);
      return structureReport(page.text, { words: page.words });
    };
    const mended = read('Am Bình', { Am: 30 });
    expect(mended.header.place).toBe('An Bình');
    expect(mended.confidence['header.place']).toBeLessThan(LOW_CONFIDENCE);
    expect(mended.confidence['header.issuingBody']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    // Read sure, or under an issuer read unsure, the place stays as read, and the two disagree.
    expect(read('Am Bình', {}).header.place).toBe('Am Bình');
    expect(read('Am Bình', { Am: 30, TỈNH: 30, AN: 30, BÌNH: 30 }).header.place).toBe('Am Bình');
    expect(read('An Bình', { An: 30 }).header.place).toBe('An Bình');
  });

  it('flags a position under "KT." that is not a deputy\'s', () => {
    const sign = (block: string) => structureReport(`BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\n${block}\nTrần Văn Bình`).confidence['signature.position'];
    expect(sign('KT. CHỦ TỊCH\nCHỦ TỊCH')).toBeLessThan(LOW_CONFIDENCE);
    expect(sign('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH')).toBe(1);
    expect(sign('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH')).toBe(1);
  });
});

describe('footnotes, tables and titles', () => {
  const report = (body: string, bottom = '') => structureReport(`ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 15/BC-UBND\nAn Bình, ngày 18 tháng 3 năm 2024\nBÁO CÁO\nKết quả tháng 3\n\n${body}\n\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nHà Văn An\n${bottom}`);
  const notes = '1 Trong đó có 4 đảng viên trẻ.\n2 Có 418 lượt cán bộ tham gia.';

  it('flags footnotes run together (a note holding the next one\'s start), not two notes apart', () => {
    const body = 'Kết nạp 9 đảng viên mới¹; mở 12 lớp bồi dưỡng chính trị².';
    const apart = report(body, notes);
    expect(apart.footnotes).toHaveLength(2);
    expect(apart.confidence['footnotes']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(apart.confidence['footnoteLinks']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    const together = report('Kết nạp 9 đảng viên mới¹; mở 12 lớp bồi dưỡng chính trị.', '1 Trong đó có 4 đảng viên trẻ. ? Có 418 lượt cán bộ tham gia.');
    expect(together.footnotes).toHaveLength(1);
    expect(together.confidence['footnotes']).toBeLessThan(LOW_CONFIDENCE);
    expect(together.confidence['footnoteLinks']).toBeLessThan(LOW_CONFIDENCE);
  });

  it('flags the links when a note has no marker, the notes when a marker has no note', () => {
    const lostMarker = report('Kết nạp 9 đảng viên mới¹; mở 12 lớp bồi dưỡng chính trị.', notes);
    expect(lostMarker.confidence['footnoteLinks']).toBeLessThan(LOW_CONFIDENCE);
    expect(lostMarker.confidence['footnotes']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    const lostNote = report('Kết nạp 9 đảng viên mới¹; mở 12 lớp bồi dưỡng chính trị².', '1 Trong đó có 4 đảng viên trẻ.');
    expect(lostNote.confidence['footnotes']).toBeLessThan(LOW_CONFIDENCE);
  });

  it('flags the tables when rows of a table whose columns were lost stay in the text, or were read back from single spaces', () => {
    const lost = report('Số trường theo xã:\n\nSố trường và phòng học\nxã Bình Chánh 4 62 60\nxã Bình Dương 5 71 66\n\nCác trường đã sẵn sàng.');
    expect(lost.tables).toHaveLength(0);
    expect(lost.confidence['tables']).toBeLessThan(LOW_CONFIDENCE);
    const guessed = report('Số trường theo xã:\n\nXã Số trường Phòng học\nBình Chánh 4 62 60\nBình Dương 5 71 66\n\nCác trường đã sẵn sàng.');
    expect(guessed.tables).toHaveLength(1);
    expect(guessed.confidence['tables']).toBeLessThan(LOW_CONFIDENCE);
    const kept = report('Số trường theo xã:\n\nXã          Số trường   Phòng học   Kiên cố\nBình Chánh  4           62          60\nBình Dương  5           71          66\n\nCác trường đã sẵn sàng.');
    expect(kept.tables).toHaveLength(1);
    expect(kept.confidence['tables']).toBeUndefined();
    expect(report('Năm 2024 có 12 lớp.\nĐạt 98 phần trăm kế hoạch năm 2024.').confidence['tables']).toBeUndefined();
  });

  const titled = (issuer: string, title: string) => structureReport(`ỦY BAN NHÂN DÂN\n${issuer}\nSố: 15/BC-UBND\nQuảng Ngãi, ngày 18 tháng 3 năm 2024\nBÁO CÁO\n${title}`).confidence['title'];

  it('flags a name in the title spelled unlike the same name in the issuer, unless that reading lost its marks', () => {
    expect(titled('TỈNH QUẢNG NGÃI', 'Kết quả tháng 01/2025 của tỉnh Quảng Nãi')).toBeLessThan(LOW_CONFIDENCE);
    expect(titled('TỈNH QUẢNG NGÃI', 'Kết quả tháng 01/2025 của tỉnh Quảng Ngãi')).toBe(1);
    expect(titled('TINH QUANG NGAI', 'Kết quả tháng 01/2025 của tỉnh Quảng Ngãi')).toBe(1);
  });

  it('flags a title opening with OCR\'s misreading of "Về việc" ("và việc"), not one opening with it', () => {
    expect(titled('TỈNH AN BÌNH', 'và việc tham dự Hội nghị đánh giá Chương trình')).toBeLessThan(LOW_CONFIDENCE);
    expect(titled('TỈNH AN BÌNH', 'Vẻ việc tham dự Hội nghị đánh giá Chương trình')).toBeLessThan(LOW_CONFIDENCE);
    expect(titled('TỈNH AN BÌNH', 'Về việc tham dự Hội nghị đánh giá Chương trình')).toBe(1);
    expect(titled('TỈNH AN BÌNH', 'Vận động việc làm cho thanh niên')).toBe(1);
  });

  it('mends a title opening with a misread "Về việc", or after a stamp\'s reading, flagged', () => {
    for (const read of ['và việc tham dự Hội nghị', 'Vẻ việc tham dự Hội nghị', '[tru TÂM CÔNG 8404 T18 Ô.NGÃI Về việc tham dự Hội nghị', "-:RỤNG †^M CÔNG BẢO #18 HỌC 9. NGÃI | 'Về việc tham dự Hội nghị"]) {
      const r = structureReport(`ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 15/BC-UBND\nAn Bình, ngày 18 tháng 3 năm 2024\nBÁO CÁO\n${read}`);
      expect(r.title, read).toBe('Về việc tham dự Hội nghị');
      expect(r.confidence['title']).toBeLessThan(LOW_CONFIDENCE);
    }
    // Words that read as text before it are the title's own.
    expect(structureReport('BÁO CÁO\nKết quả Hội nghị Về việc làm').title).toBe('Kết quả Hội nghị Về việc làm');
  });

  it('flags a title, however long, with one token that reads as no text; a Roman number after "quý" reads as one', () => {
    expect(titled('TỈNH AN BÌNH', 'Vềviệc tăng cường công tác phòng, chống tham nhũng, tiêu cực trong tình hình mới trên địa bàn tỉnh')).toBeLessThan(LOW_CONFIDENCE);
    expect(titled('TỈNH AN BÌNH', 'Về việc tăng cường công tác phòng, chống tham nhũng, tiêu cực trong tình hình mới trên địa bàn tỉnh')).toBe(1);
    expect(titled('TỈNH AN BÌNH', 'Kết quả cải cách hành chính quý III năm 2025')).toBe(1);
    expect(titled('TỈNH AN BÌNH', 'Kết quả cải cách hành chính III năm 2025')).toBeLessThan(LOW_CONFIDENCE);
  });
});

describe('more evidence of a misread value', () => {
  const header = (issuer: string, number: string) => structureReport(`${issuer}\nSố: ${number}\nQuảng Ngãi, ngày 18 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc X`);

  it('mends the eth OCR reads for "Đ" in a number\'s code, beside it or for it, and flags the number', () => {
    for (const read of ['95/QĐÐ-UBND', '95/QÐĐ-UBND', '95/QÐ-UBND']) {
      const r = header('ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI', read);
      expect(r.header.number, read).toBe('95/QĐ-UBND');
      expect(r.confidence['header.number']).toBeLessThan(LOW_CONFIDENCE);
    }
    expect(header('ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI', '95/QĐ-UBND').confidence['header.number']).toBe(1);
  });

  it('flags a body holding words of the national header from the column beside it', () => {
    const r = header('UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ\nSỞ Y TẾ', '642/SYT-NVY');
    expect(r.header.parentBodyPrinted).toBe('UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ');
    expect(r.confidence['header.parentBody']).toBeLessThan(LOW_CONFIDENCE);
    expect(header('UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ', '642/SYT-NVY').confidence['header.parentBody']).toBe(1);
  });

  it('gives each footnote marker\'s word a confidence by how it reads', () => {
    const r = structureReport('BÁO CÁO\nKết quả\n\nĐã sửa chữa phòng học kiên cñ¹ và mới².\n\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nHà Văn An\n1 Số liệu đến ngày 15/8.\n2 Theo kế hoạch.');
    expect(r.footnoteLinks.map((l) => l.word)).toEqual(['cñ', 'mới']);
    expect(r.confidence['footnoteLinks.0.word']).toBeLessThan(LOW_CONFIDENCE);
    expect(r.confidence['footnoteLinks.1.word']).toBe(1);
  });

  it('holds a name back by its one word read far worse than the rest (a signing box\'s signer)', () => {
    const lines = ['TRUNG TÂM CÔNG BÁO VÀ TIN HỌC', 'ttcbth@quangngai.gov.vn', '21.05.2025 14:18:02 +07:00', 'ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI', 'Số: 276/TB-UBND', 'THÔNG BÁO', 'Về việc X'];
    const signer = (weak: number) => {
      const page = ocr(lines, { BÁO: weak });
      const r = structureReport(page.text, { words: page.words });
      expect(r.digitalSignature?.signer).toBe('TRUNG TÂM CÔNG BÁO VÀ TIN HỌC');
      return r.confidence['digitalSignature.signer'];
    };
    expect(signer(32)).toBeLessThan(LOW_CONFIDENCE);
    expect(signer(90)).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });
});

describe('the list of recipients as OCR reads its dashes', () => {
  const bottom = (items: string[]) => structureReport(['BÁO CÁO', 'Kết quả', '', 'Nội dung.', '', 'Nơi nhận:', ...items, 'CHỦ TỊCH', 'Hà Văn An'].join('\n'));

  it('takes "~", "~-" and "=" before a word as the dash, and splits two items OCR ran into one line', () => {
    const r = bottom(['- Như trên;', '~ Các sở, ngành, đơn vị trực thuộc tỉnh;', '- CT, PCT UBND tỉnh; ~ Sở Tài chính;', '~- Lưu: VT, TTHC.']);
    expect(r.recipients).toEqual(['Như trên', 'Các sở, ngành, đơn vị trực thuộc tỉnh', 'CT, PCT UBND tỉnh', 'Sở Tài chính', 'Lưu: VT, TTHC']);
    expect(r.signature).toMatchObject({ position: 'CHỦ TỊCH', name: 'Hà Văn An' });
  });

  it('keeps an item that names two bodies as printed, joins a wrapped "(báo cáo)", and drops specks after the semicolon', () => {
    const r = bottom(['- Báo Quảng Ngãi; Đài PT-TH Quảng Ngãi;', '- Phó Thủ tướng Trương Hòa Bình', '(báo cáo);', '- Các sở, ban, ngành tỉnh; .', '- Lưu: VT.']);
    expect(r.recipients).toEqual(['Báo Quảng Ngãi; Đài PT-TH Quảng Ngãi', 'Phó Thủ tướng Trương Hòa Bình (báo cáo)', 'Các sở, ban, ngành tỉnh', 'Lưu: VT']);
    expect(r.recipientLines[2]).toBe('Các sở, ban, ngành tỉnh; .');
  });
});

describe('a body whose name lost its first word', () => {
  const header = (first: string) => structureReport([first, 'TỈNH AN BÌNH', 'Số: 15/BC-UBND', 'An Bình, ngày 18 tháng 3 năm 2024', 'BÁO CÁO', 'Kết quả tháng 3', '', 'Nội dung.'].join('\n'));

  it('flags "BAN NHÂN DÂN" (of ỦY BAN NHÂN DÂN), not the whole name nor a body called Ban', () => {
    expect(header('BAN NHÂN DÂN').confidence['header.parentBody']).toBeLessThan(LOW_CONFIDENCE);
    expect(header('ỦY BAN NHÂN DÂN').confidence['header.parentBody']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(header('BAN DÂN TỘC').confidence['header.parentBody']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });
});

describe('the "Lưu" item\'s registry code', () => {
  it('mends OCR\'s misreadings of "VT" and of the comma after it, keeping a comma as it was spaced, and of "(b/c)"', () => {
    const cases: [string, string][] = [
      ['Lưu: VI, VX', 'Lưu: VT, VX'],
      ['Lưu: VŨ NN.', 'Lưu: VT, NN.'],
      ['Lưu: VTE, CNTY', 'Lưu: VT, CNTY'],
      ['Lưu: VT; TCKH', 'Lưu: VT, TCKH'],
      ['Lưu: VT KT.', 'Lưu: VT, KT.'],
      ['Lưu: VTE', 'Lưu: VT'],
      ['Lưu: VT,KT.bngoc106', 'Lưu: VT,KT.bngoc106'],
      ['Lưu VP', 'Lưu VP'],
      ['Lưu: VP, KT', 'Lưu: VP, KT'],
      ['Lưu Văn phòng Huyện ủy', 'Lưu Văn phòng Huyện ủy'],
      ['CT, các PCT UBND tỉnh (bí/c)', 'CT, các PCT UBND tỉnh (b/c)'],
      ['Thường trực Tỉnh ủy (bị/c);', 'Thường trực Tỉnh ủy (b/c);'],
      ['Thường trực Tỉnh ủy (b/c)', 'Thường trực Tỉnh ủy (b/c)'],
      ['Bộ Nông nghiệp và Môi trường (/©);', 'Bộ Nông nghiệp và Môi trường (b/c);'],
      ['TT Tỉnh ủy, TT HĐND tỉnh (h/©)', 'TT Tỉnh ủy, TT HĐND tỉnh (b/c)'],
      ['TT Đảng ủy, TT HĐND xã (b/€)', 'TT Đảng ủy, TT HĐND xã (b/c)'],
      ['Sở Y tế (h/C)', 'Sở Y tế (b/c)'],
      ['Ban Tổ chức Tỉnh ủy (để b/C);', 'Ban Tổ chức Tỉnh ủy (để b/c);'],
      ['Thường trực Tỉnh ủy (Œ/C);', 'Thường trực Tỉnh ủy (b/c);'],
      ['UBND tỉnh (Œh/c);', 'UBND tỉnh (b/c);'],
      ['Các sở (xem Phụ lục 1/2)', 'Các sở (xem Phụ lục 1/2)'],
    ];
    for (const [read, printed] of cases) expect(mendedRecipient(read), read).toBe(printed);
  });

  it('gives a surname the seal took the head of its one common surname, and a body its lost authority mark, flagged, on OCR\'d pages only', () => {
    expect(nameWithHead('ran Hoàng Tuấn')).toBe('Trần Hoàng Tuấn');
    expect(nameWithHead('hạm Trường Thọ')).toBe('Phạm Trường Thọ');
    // "an" ends Phan, Đoàn and Trần: no one surname.
    expect(nameWithHead('an Văn Bình')).toBeNull();
    expect(nameWithHead('Nguyễn Văn Bình')).toBeNull();
    expect(lostAuthority('M-ÚY BAN NHÂN DÂN')).toBe('TM.');
    expect(lostAuthority('h‹`UY BAN NHÂN DÂN')).toBe('TM.');
    expect(lostAuthority('=ĐẢNG ỦY')).toBe('T/M');
    expect(['TM. ỦY BAN NHÂN DÂN', 'ỦY BAN NHÂN DÂN', 'Các sở, ban ngành'].map(lostAuthority)).toEqual([null, null, null]);
    const page = PAGE.map((l) => (l === 'Hà Văn An' ? 'ran Văn Bình' : l === 'CHỦ TỊCH' ? 'M-ÚY BAN NHÂN DÂN\nCHỦ TỊCH' : l)).join('\n').split('\n');
    const read = ocr(page);
    const r = structureReport(read.text, { words: read.words });
    expect(r.signature).toMatchObject({ authority: 'TM.', name: 'Trần Văn Bình' });
    expect(r.confidence['signature.authority']).toBeLessThan(LOW_CONFIDENCE);
    expect(r.confidence['signature.name']).toBeLessThan(LOW_CONFIDENCE);
    expect(structureReport(page.join('\n')).signature).toMatchObject({ authority: null, name: null });
  });

  it('mends it in OCR\'d pages only: a typed list says what it says', () => {
    const page = PAGE.map((l) => (l === '- Lưu: VT.' ? '- Lưu: VT; TCKH.' : l));
    const read = ocr(page);
    const fromOcr = structureReport(read.text, { words: read.words });
    expect(fromOcr.recipients).toContain('Lưu: VT, TCKH');
    expect(fromOcr.recipientLines).toContain('Lưu: VT, TCKH.');
    expect(structureReport(page.join('\n')).recipients).toContain('Lưu: VT; TCKH');
  });
});

describe('where a field\'s OCR evidence is sought', () => {
  const word = (text: string, page: number, confidence: number): OcrWord => ({ text, page, confidence, line: 0, box: { x0: 0, y0: 0, x1: 10, y1: 10 } });

  it('seeks the header\'s fields on the first page, the bottom block\'s from the last pages, and all pages when those hold no half of it', () => {
    // "Sở Tài chính" is read unsure on page 1 (the header) and sure, with one word more, on page 2.
    const words = [word('Sở', 1, 40), word('Tài', 1, 40), word('x', 1, 90), word('Sở', 2, 95), word('Tài', 2, 95), word('chính', 2, 95), word('Hà', 2, 30), word('Văn', 2, 30), word('An', 2, 30)];
    for (let p = 3; p <= 6; p++) words.push(word('đoạn', p, 90), word('văn', p, 90));
    words.push(word('Hà', 6, 90), word('Văn', 6, 90), word('An', 6, 90));
    const tokens = new WordTokens(wordTable(words));
    expect(evidenceOf(tokens, tokensOf('Sở Tài chính'), 'head')).toEqual([0.4, 0.4, 0.5]);
    expect(evidenceOf(tokens, tokensOf('Hà Văn An'), 'foot')).toEqual([0.9, 0.9, 0.9]);
    // Not on the last three pages: sought on all of them.
    expect(evidenceOf(tokens, tokensOf('Sở Tài chính'), 'foot')).toEqual([0.95, 0.95, 0.95]);
    expect(evidenceOf(tokens, tokensOf('Hà Văn Bình'), 'anywhere')).toEqual([0.9, 0.9, 0.5]);
  });
});
