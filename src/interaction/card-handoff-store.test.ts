import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { openStorage } from '../storage/open-storage.ts';
import type { Storage } from '../storage/storage.ts';
import { createCardHandoffStore } from './card-handoff-store.ts';

const id = () => randomBytes(32).toString('base64url');
const presentation = { certificates: ['MIIB'], via: 'tls', presentedAt: 1 } as const;

describe('card hand-off store', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portti-handoff-'));
    storage = await openStorage({ kind: 'sqlite', sqlitePath: join(dir, 'store.sqlite') });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a presentation once, with its code only', async () => {
    const handoffs = createCardHandoffStore(storage.oidc, 300);
    const handoff = id();
    await handoffs.issue(handoff, 120);
    const presented = await handoffs.present(handoff, presentation);
    if (!presented.ok) throw new Error('expected the presentation to be recorded');
    expect(await handoffs.take(handoff, presented.code)).to.deep.equal({ ok: true, presentation });
    expect(await handoffs.take(handoff, presented.code)).to.deep.equal({ ok: false, reason: 'missing' });
    expect(await handoffs.present(handoff, presentation), 'a taken hand-off stays used').to.deep.equal({ ok: false, reason: 'used' });
  });

  it('refuses an unknown hand-off, a second presentation, and a wrong code (which also spends the hand-off)', async () => {
    const handoffs = createCardHandoffStore(storage.oidc, 300);
    expect(await handoffs.present(id(), presentation)).to.deep.equal({ ok: false, reason: 'unknown' });
    const handoff = id();
    await handoffs.issue(handoff, 120);
    const first = await handoffs.present(handoff, presentation);
    expect(first.ok).to.equal(true);
    expect(await handoffs.present(handoff, presentation)).to.deep.equal({ ok: false, reason: 'used' });
    expect(await handoffs.take(handoff, id())).to.deep.equal({ ok: false, reason: 'mismatch' });
    if (first.ok) expect(await handoffs.take(handoff, first.code), 'no second guess').to.deep.equal({ ok: false, reason: 'missing' });
  });

  it('lets exactly one of many concurrent presentations and takes win', async () => {
    const handoffs = createCardHandoffStore(storage.oidc, 300);
    const handoff = id();
    await handoffs.issue(handoff, 120);
    const presented = await Promise.all(Array.from({ length: 20 }, () => handoffs.present(handoff, presentation)));
    const winners = presented.filter((p) => p.ok);
    expect(winners).to.have.length(1);
    const code = (winners[0] as { code: string }).code;
    const taken = await Promise.all(Array.from({ length: 20 }, () => handoffs.take(handoff, code)));
    expect(taken.filter((t) => t.ok)).to.have.length(1);
  });

  it('forgets a hand-off that was never presented once it expires', async () => {
    const handoffs = createCardHandoffStore(storage.oidc, 300);
    const handoff = id();
    await handoffs.issue(handoff, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await handoffs.present(handoff, presentation)).to.deep.equal({ ok: false, reason: 'unknown' });
  });
});
