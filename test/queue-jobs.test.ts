// Queue jobs without Redis: ids that only the same work shares, and which errors are tried again.
import { describe, expect, it } from 'vitest';
import { isTransient, jobIdOf, JOB_OPTIONS } from '../src/pipeline/queue/jobs.js';
import { parseRedisUrl, printableUrl } from '../src/pipeline/queue/redis.js';

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('queue jobs', () => {
  it('share an id only for the same output folder, input, content and options', () => {
    const id = jobIdOf('/out', '/in/a.pdf', 'h1', 'o1');
    expect(jobIdOf('/out', '/in/a.pdf', 'h1', 'o1')).toBe(id);
    expect(new Set([id, jobIdOf('/out2', '/in/a.pdf', 'h1', 'o1'), jobIdOf('/out', '/in/b.pdf', 'h1', 'o1'), jobIdOf('/out', '/in/a.pdf', 'h2', 'o1'), jobIdOf('/out', '/in/a.pdf', 'h1', 'o2')]).size).toBe(5);
    // BullMQ keeps all-digit ids for its own numbering.
    expect(id).toMatch(/^d[0-9a-f]{40}$/);
  });

  it('try a full disk or an I/O error again with growing waits, and a bad document never', () => {
    for (const code of ['ENOSPC', 'EIO', 'EDQUOT', 'ESTALE']) expect(isTransient(errno(code)), code).toBe(true);
    expect(isTransient(new Error('wrapped', { cause: errno('ENOSPC') }))).toBe(true);
    for (const error of [errno('ENOENT'), errno('EACCES'), new Error('unreadable or truncated image'), undefined]) expect(isTransient(error)).toBe(false);
    expect(JOB_OPTIONS.attempts).toBeGreaterThan(3);
    expect(JOB_OPTIONS.backoff).toMatchObject({ type: 'exponential' });
  });

  it('take a redis:// URL, and print it without its password', () => {
    expect(parseRedisUrl('redis://h:6379/0')).toBe('redis://h:6379/0');
    expect(() => parseRedisUrl('localhost:6379')).toThrow(/--redis must be a URL such as redis:\/\/host:6379/);
    expect(() => parseRedisUrl('http://h')).toThrow(/--redis must be a URL/);
    expect(printableUrl('redis://:secret@h:6379')).toBe('redis://:***@h:6379');
  });
});
