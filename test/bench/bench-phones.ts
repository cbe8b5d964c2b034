import type { TestPhone } from '../../adapters/mobile/sandbox/test-numbers.ts';

/**
 * Accepting test phones for the mobile workload, on top of the sandbox's own list: Portti
 * allows one outstanding request per number, so 16 flows in flight need more numbers than
 * the four accepting ones of the README. All are Liisa Virtanen's (131052-308T).
 */
export const BENCH_PHONE_COUNT = 64;
export const BENCH_PHONE_HETU = '131052-308T';

export function benchPhoneMsisdn(index: number): string {
  return `+35840000${1000 + (index % BENCH_PHONE_COUNT)}`;
}

export function benchPhones(): TestPhone[] {
  return Array.from({ length: BENCH_PHONE_COUNT }, (_, i) => ({
    msisdn: benchPhoneMsisdn(i),
    script: 'accept' as const,
    person: { hetu: BENCH_PHONE_HETU, givenName: 'Liisa', surName: 'Virtanen' },
    description: 'accepts (benchmark phone)',
  }));
}
