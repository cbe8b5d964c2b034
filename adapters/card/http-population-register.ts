import { z } from 'zod';
import type { PopulationRegister, RegisterAnswer } from './population-register.ts';

/** The register gave no answer to rely on; the card method turns it into ERR_CARD_REGISTER_UNAVAILABLE. */
export class PopulationRegisterUnavailableError extends Error {
  readonly code = 'ERR_CARD_REGISTER_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PopulationRegisterUnavailableError';
  }
}

export interface HttpPopulationRegisterOptions {
  /** Base URL, without a trailing slash; the query is `POST {url}/henkilotunnuskysely`. */
  readonly url: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  readonly requestTimeoutMs: number;
}

const MAX_BODY_BYTES = 64 * 1024;

const FOUND = z.object({ henkilotunnus: z.string(), etunimet: z.string(), sukunimi: z.string(), kuollut: z.boolean() });
const NOT_FOUND = z.object({ virhe: z.literal('EI_LOYDY') });

/**
 * Portti's JSON form of VTJ's HenkilonTunnusKysely by SahkoinenAsiointitunnus (the
 * sandbox register speaks it too). Only `200` with a complete person and `404` with
 * `EI_LOYDY` are answers: a bare 404 is a wrong URL, not an unknown person, so it and
 * everything else (other statuses, redirects, timeouts, bodies that are not the agreed
 * JSON or over 64 KiB) throw PopulationRegisterUnavailableError. Messages never carry
 * the SATU.
 */
export function createHttpPopulationRegister(options: HttpPopulationRegisterOptions): PopulationRegister {
  const endpoint = `${options.url}/henkilotunnuskysely`;
  const authorization = options.basicAuth
    ? `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
    : undefined;

  return {
    async personBySatu(satu, correlationId): Promise<RegisterAnswer> {
      let status: number;
      let text: string;
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ sahkoinenAsiointitunnus: satu }),
          redirect: 'error',
          signal: AbortSignal.timeout(options.requestTimeoutMs),
        });
        status = response.status;
        text = await readAtMost(response, MAX_BODY_BYTES);
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.requestTimeoutMs} ms` : describe(error);
        throw new PopulationRegisterUnavailableError(`the population register could not be asked: ${reason}`, { cause: error });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new PopulationRegisterUnavailableError(`the population register answered HTTP ${status} with a body that is not JSON`, { cause: error });
      }
      if (status === 200) {
        const person = FOUND.safeParse(json);
        if (!person.success) throw new PopulationRegisterUnavailableError(`the population register answered a person without the agreed fields: ${person.error.issues[0]?.path.join('.')}`);
        const { henkilotunnus, etunimet, sukunimi, kuollut } = person.data;
        return { found: true, person: { hetu: henkilotunnus, givenNames: etunimet, familyName: sukunimi, deceased: kuollut } };
      }
      if (status === 404 && NOT_FOUND.safeParse(json).success) return { found: false };
      throw new PopulationRegisterUnavailableError(`the population register answered HTTP ${status}`);
    },
  };
}

async function readAtMost(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the answer is over ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of response.body ?? []) {
    length += chunk.length;
    if (length > maxBytes) throw new Error(`the answer is over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici says only "fetch failed"; the reason (ECONNREFUSED, redirect, ...) is its cause.
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
