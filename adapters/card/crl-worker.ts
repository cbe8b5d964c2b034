import { parentPort, workerData } from 'node:worker_threads';
import { runCrlJob, type CrlJob } from './crl-job.ts';
import { transferablesOf } from './revoked-serials.ts';

/** One download per worker: it fetches and reads the CRL it was given, answers once and ends. */
const outcome = await runCrlJob(workerData as CrlJob);
parentPort!.postMessage(outcome, outcome.kind === 'loaded' ? transferablesOf(outcome.crl.revoked) : []);
