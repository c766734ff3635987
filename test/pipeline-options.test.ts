import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { hashOptions } from '../src/pipeline/manifest.js';
import { parseFormats, resolveRunOptions } from '../src/pipeline/options.js';

describe('run options', () => {
  it('fills defaults', () => {
    const o = resolveRunOptions({});
    expect(o.formats).toEqual(['txt', 'json']);
    expect(o.toneStyle).toBe('old');
    expect(o.jobs).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [{ textLayer: 'sometimes' }, /--text-layer must be one of auto, always, never \(got "sometimes"\)/],
    [{ toneStyle: 'modern' }, /--tone-style must be one of old, new/],
    [{ mode: 'guess' }, /--mode must be one of auto, correct/],
    [{ jobs: 0 }, /--jobs must be a whole number from 1/],
  ])('rejects %o naming the option and the allowed values', (partial, message) => {
    expect(() => resolveRunOptions(partial as never)).toThrow(UsageError);
    expect(() => resolveRunOptions(partial as never)).toThrow(message);
  });

  it('parses and validates --formats', () => {
    expect(parseFormats('md, txt,md')).toEqual(['md', 'txt']);
    expect(parseFormats('txt,pdf,alto,hocr')).toEqual(['txt', 'pdf', 'alto', 'hocr']);
    expect(() => parseFormats('txt,docx')).toThrow(/--formats must be one of txt, json, md, pdf, alto, hocr \(got "docx"\)/);
    expect(() => parseFormats(',')).toThrow(UsageError);
  });

  it('keys resumption on what changes the outputs only', () => {
    const base = resolveRunOptions({ jobs: 1 });
    expect(hashOptions({ ...base, jobs: 2, force: true }, '1')).toBe(hashOptions(base, '1'));
    expect(hashOptions({ ...base, toneStyle: 'new' }, '1')).not.toBe(hashOptions(base, '1'));
    expect(hashOptions(base, '2')).not.toBe(hashOptions(base, '1'));
  });
});
