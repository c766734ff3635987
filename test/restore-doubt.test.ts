// A field OCR read with one mark wrong reads with full confidence: the language model, given the field's other
// words, says where it is sure the same letters with other marks were printed.
import { beforeAll, describe, expect, it } from 'vitest';
import { doubtedSyllables, loadRestorer, type Restorer } from '../src/restore/index.js';
import { LOW_CONFIDENCE } from '../src/structure/confidence.js';
import { structureReport } from '../src/structure/index.js';
import { resolveRunOptions } from '../src/pipeline/options.js';
import { createStages } from '../src/pipeline/stages.js';
import type { OcrWord } from '../src/types.js';

let restorer: Restorer;
/** The doubted syllables of each field, without their places and readings. */
const doubtedIn = (fields: readonly string[], opts?: { unseen?: boolean; givenName?: boolean }) => doubtedSyllables(restorer, fields, opts).map((f) => f.map((d) => d.syllable));
beforeAll(async () => {
  restorer = await loadRestorer();
});

describe('fields the language model reads otherwise', () => {
  it('doubts a syllable whose marks OCR misread, and nothing of fields read right', () => {
    const right = ['Về việc tăng cường công tác phòng, chống tham nhũng, tiêu cực trong tình hình mới', 'Ủy ban nhân dân', 'PHÓ CHỦ TỊCH', 'Nguyễn Hoàng Giang'];
    const fields = ['Về việc thực hiện dự án Trường Mầm non thị trần Mộ Đức', 'Về việc thực hiện dự án Trường Mầm non thị trấn Mộ Đức', ...right];
    expect(doubtedIn(fields)).toEqual([['trần'], [], ...right.map(() => [])]);
    expect(doubtedSyllables(restorer, [fields[0]!])[0]).toEqual([{ syllable: 'trần', index: 10, likelier: 'trấn' }]);
    // A field's context is its own words: asked alone, the misread field is doubted the same.
    expect(doubtedIn([fields[0]!])).toEqual([['trần']]);
    // A syllable the model never saw (a name) is no evidence against itself.
    expect(doubtedIn(['Trần Phước Hiềnx'])).toEqual([[]]);
  });

  it('doubts a syllable the model never saw only where asked to: in a place, not in a name', () => {
    expect(doubtedIn(['Quảng Ngõi', 'Quảng Ngãi', 'Cao Bằng', 'Thanh Hóa'], { unseen: true })).toEqual([['Ngõi'], [], [], []]);
    expect(doubtedIn(['Quảng Ngõi'])).toEqual([[]]);
  });

  it('flags a place with a syllable the model never saw and leaves it as read', () => {
    // An issuer that does not name the place: no other reading of it to set the place against.
    const text = (place: string) => `UBND TỈNH\nSỞ TƯ PHÁP\nSố: 15/QĐ-STP\n${place}, ngày 18 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc giao đất\n\nĐiều 1. Nội dung.`;
    const doubt = (fields: readonly string[], opts?: { unseen?: boolean }) => doubtedSyllables(restorer, fields, opts);
    const misread = structureReport(text('Quảng Ngõi'), { doubt });
    expect(misread.header.place).toBe('Quảng Ngõi');
    expect(misread.confidence['header.place']).toBeLessThan(LOW_CONFIDENCE);
    expect(structureReport(text('Quảng Ngãi'), { doubt }).confidence['header.place']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it('doubts a given name far rarer as a name than another of its letters, and only the given name', () => {
    const names = ['Trần Phước Hiện', 'Trần Phước Hiên', 'Trần Phước Hiền', 'Nguyễn Hoàng Giang', 'Lê Văn Hùng', 'Hiện Văn Minh'];
    expect(doubtedIn(names, { givenName: true })).toEqual([['Hiện'], ['Hiên'], [], [], [], []]);
    const signed = (name: string) => structureReport(`BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n${name}`, { doubt: (fields, opts) => doubtedSyllables(restorer, fields, opts) });
    expect(signed('Trần Phước Hiện').signature.name).toBe('Trần Phước Hiện');
    expect(signed('Trần Phước Hiện').confidence['signature.name']).toBeLessThan(LOW_CONFIDENCE);
    expect(signed('Trần Phước Hiền').confidence['signature.name']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it('reads a doubted title as the model is sure it was printed, flagged; without the check the title stands', () => {
    const text = 'ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 15/QĐ-UBND\nAn Bình, ngày 18 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc thực hiện dự án Trường Mầm non thị trần Mộ Đức\n\nĐiều 1. Nội dung.';
    const doubted = structureReport(text, { doubt: (fields) => doubtedSyllables(restorer, fields) });
    expect(doubted.title).toBe('Về việc thực hiện dự án Trường Mầm non thị trấn Mộ Đức');
    // Case is the page's: "Ất Ty" is Ất Tỵ.
    const tet = structureReport(text.replace(/Về việc .*/, 'Về việc hỗ trợ quà Tết cho hộ nghèo nhân dịp Tết nguyên đán Ất Ty'), { doubt: (fields) => doubtedSyllables(restorer, fields) });
    expect(tet.title).toBe('Về việc hỗ trợ quà Tết cho hộ nghèo nhân dịp Tết nguyên đán Ất Tỵ');
    expect(structureReport(text).title).toBe('Về việc thực hiện dự án Trường Mầm non thị trần Mộ Đức');
    expect(doubted.confidence['title']).toBeLessThan(LOW_CONFIDENCE);
    expect(doubted.confidence['header.issuingBody']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(structureReport(text).confidence['title']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it('is asked by the pipeline for an OCR\'d document once restoration ran, and not for typed text', async () => {
    const text = 'QUYẾT ĐỊNH\nVề việc thực hiện dự án Trường Mầm non thị trần Mộ Đức\n\nĐiều 1. Nội dung.';
    let x = 0;
    const words: OcrWord[] = text.split('\n').flatMap((line, k) =>
      line.split(' ').filter(Boolean).map((t) => ({ text: t, confidence: 95, page: 1, line: k, box: { x0: (x += 100), y0: k * 60, x1: x + 90, y1: k * 60 + 40 } })),
    );
    const stages = createStages(resolveRunOptions({ jobs: 1 }));
    const restored = (await stages.restore(text, 'ocr')).text;
    expect(stages.structure(restored, words).confidence['title']).toBeLessThan(LOW_CONFIDENCE);
    expect(stages.structure(restored, []).confidence['title']).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    await stages.close();
  });
});
