import { describe, expect, it } from 'vitest';
import { retryTransaction } from './retry.ts';

const fail = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransaction', () => {
  it('runs again on a listed code, with the attempt number, and returns the first success', async () => {
    const seen: number[] = [];
    const out = await retryTransaction(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw fail('40P01');
        return 'done';
      },
      { attempts: 4, codes: new Set(['40P01']) },
    );
    expect(out).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('throws other errors at once and a listed one after the last attempt', async () => {
    let runs = 0;
    await expect(
      retryTransaction(
        async () => {
          runs++;
          throw fail('23502');
        },
        { attempts: 4, codes: new Set(['40P01']) },
      ),
    ).rejects.toThrow('23502');
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      retryTransaction(
        async () => {
          runs++;
          throw fail('40P01');
        },
        { attempts: 3, codes: new Set(['40P01']) },
      ),
    ).rejects.toThrow('40P01');
    expect(runs).toBe(3);
  });
});
