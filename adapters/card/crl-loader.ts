import { Worker } from 'node:worker_threads';
import type { X509Certificate } from '@peculiar/x509';
import type { CrlJob, CrlJobOutcome } from './crl-job.ts';
import { TAG, expectTlv, readTlv } from './der.ts';
import type { CrlIssuerKey } from './read-crl.ts';

// The worker is TypeScript like the rest; tsx's loader is registered inside it because
// Node 20 does not carry the main thread's loader hooks over to workers.
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;
const LOADER = import.meta.resolve('tsx/esm/api');
const ENTRY = new URL('./crl-worker.ts', import.meta.url).href;

/**
 * Fetches and reads CRLs off the event loop: each download runs in a worker thread of its
 * own, which fetches the body, parses it, checks its signature against `issuers` and
 * sends back only the revoked serials, as a transferred (not copied) table. A worker
 * lives for one download, so the garbage of a 45 MB parse goes with it.
 */
export function createCrlLoader(issuers: readonly X509Certificate[]) {
  const keys: CrlIssuerKey[] = issuers.map((issuer) => ({
    subject: issuer.subject,
    subjectDer: subjectDerOf(new Uint8Array(issuer.rawData)),
    spki: new Uint8Array(issuer.publicKey.rawData),
  }));
  const running = new Set<Worker>();
  let closed = false;

  return {
    load(job: Omit<CrlJob, 'issuers'>): Promise<CrlJobOutcome> {
      if (closed) return Promise.reject(new Error('the CRL loader is closed'));
      return new Promise<CrlJobOutcome>((resolve, reject) => {
        const data: CrlJob = { ...job, issuers: keys };
        const worker = new Worker(BOOT, { eval: true, workerData: { loader: LOADER, entry: ENTRY, ...data } });
        running.add(worker);
        let answered = false;
        worker.once('message', (outcome: CrlJobOutcome) => {
          answered = true;
          resolve(outcome);
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          running.delete(worker);
          if (!answered) reject(new Error(closed ? 'the CRL loader was closed' : `the CRL worker ended with code ${code}`));
        });
        // After the listeners, which would ref it again: a download must not keep the process alive.
        worker.unref();
      });
    },
    /** Ends every worker, and with it any download in progress. */
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...running].map((worker) => worker.terminate()));
    },
  };
}

export type CrlLoader = ReturnType<typeof createCrlLoader>;

/** The subject Name exactly as the certificate encodes it, for comparing with a CRL's issuer. */
function subjectDerOf(certificate: Uint8Array): Uint8Array {
  const outer = expectTlv(certificate, 0, certificate.length, TAG.SEQUENCE, 'Certificate');
  const tbs = expectTlv(certificate, outer.start, outer.end, TAG.SEQUENCE, 'tbsCertificate');
  let field = readTlv(certificate, tbs.start, tbs.end);
  if (field.tag === 0xa0) field = readTlv(certificate, field.end, tbs.end);
  // serialNumber, signature, issuer, validity, then subject.
  for (let skip = 0; skip < 4; skip += 1) field = readTlv(certificate, field.end, tbs.end);
  return certificate.slice(field.outer, field.end);
}
