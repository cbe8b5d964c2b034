import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OidcStore } from '../storage/storage.ts';
import type { CardHandoffs, CardPresentation } from '../../adapters/card/card-handoffs.ts';

const ISSUED = 'CardHandoff';
const PRESENTED = 'CardPresentation';
const TAKEN = 'CardPresentationTaken';

const digest = (code: string) => createHash('sha256').update(code).digest();

/**
 * The card hand-off on the shared store. Every "once" is an atomic insert-if-absent, so
 * two workers (or two tabs) racing on one hand-off cannot both win. The code is kept only
 * as a hash: the store never holds what would finish the login.
 */
export function createCardHandoffStore(store: OidcStore, presentationSeconds: number): CardHandoffs {
  // `presentationSeconds` must outlive the hand-off itself, so a taken hand-off stays "used" until it has expired.
  return {
    async issue(handoff, expiresInSeconds) {
      await store.upsert(ISSUED, handoff, { issuedAt: Date.now() }, expiresInSeconds);
    },

    async present(handoff, presentation) {
      if (!(await store.find(ISSUED, handoff))) return { ok: false, reason: 'unknown' };
      if (await store.find(TAKEN, handoff)) return { ok: false, reason: 'used' };
      const code = randomBytes(32).toString('base64url');
      const record = { presentation: { ...presentation, certificates: [...presentation.certificates] }, codeHash: digest(code).toString('base64') };
      const inserted = await store.insertIfAbsent(PRESENTED, handoff, record, presentationSeconds);
      return inserted ? { ok: true, code } : { ok: false, reason: 'used' };
    },

    async take(handoff, code) {
      if (!(await store.insertIfAbsent(TAKEN, handoff, { takenAt: Date.now() }, presentationSeconds))) {
        return { ok: false, reason: 'missing' };
      }
      const record = await store.find(PRESENTED, handoff);
      await store.destroy(PRESENTED, handoff);
      if (!record) return { ok: false, reason: 'missing' };
      const expected = Buffer.from(String(record.codeHash), 'base64');
      const given = digest(code);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
      return { ok: true, presentation: record.presentation as CardPresentation };
    },
  };
}
