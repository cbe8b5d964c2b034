import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ALPHANUMERICS = `${LETTERS}23456789`;

/**
 * FiCom event ID: 4-8 alphanumerics starting with a letter, shown in the browser and on
 * the phone so the citizen can tell our request from someone else's. Letters and digits
 * that read alike (O/0, I/1) are left out.
 */
export function newEventId(length = 5): string {
  let id = LETTERS[randomInt(LETTERS.length)]!;
  while (id.length < length) id += ALPHANUMERICS[randomInt(ALPHANUMERICS.length)]!;
  return id;
}

/** A fresh 32-byte challenge: base64 is 44 characters, well inside FiCom's 160. */
export function newChallenge(): Buffer {
  return randomBytes(32);
}

/** Unique per request, as ETSI requires of AP_TransID (it must start with a letter: xs:NCName). */
export function newApTransId(): string {
  return `A${randomUUID().replace(/-/g, '')}`;
}
