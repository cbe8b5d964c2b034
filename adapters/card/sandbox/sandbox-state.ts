import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SavedCitizenCa } from './saved-citizen-ca.ts';
import type { SandboxServerTls } from './sandbox-tls.ts';

/** Beside the `.p12` files in the peers' output directory. */
export const SANDBOX_STATE_FILE = 'sandbox-state.json';

/** What a start of the sandbox card peers keeps for the next one. */
export interface SandboxState {
  /** Certificates name their CRLs under it: material made for another address is useless. */
  readonly crlBaseUrl: string;
  readonly citizenCa: SavedCitizenCa;
  readonly tls: SandboxServerTls;
}

/*
 * Sandbox test material, kept so that a test card and the TLS CA a person imported into
 * the browser keep working after a restart. The private keys are unencrypted PKCS#8 on
 * purpose: they are test keys the sandbox page hands out anyway, and nothing outside the
 * sandbox trusts these CAs. The file says so itself, for whoever opens it.
 */
const WARNING = 'Portti sandbox test material: the private keys are unencrypted test keys. Never use them or trust these CAs outside the sandbox. Delete this folder to get new ones.';
const VERSION = 1;

const pem = z.string().startsWith('-----BEGIN ');
const savedAuthority = z.object({
  certificate: pem,
  privateKey: pem,
  revoked: z.array(z.object({ serialNumber: z.string().regex(/^[0-9a-f]+$/), revocationDate: z.iso.datetime() })),
});
const stateFile: z.ZodType<SandboxState> = z.object({
  version: z.literal(VERSION),
  crlBaseUrl: z.string(),
  citizenCa: z.object({
    authorities: z.object({ root: savedAuthority, foreignRoot: savedAuthority, rsa: savedAuthority, ecc: savedAuthority, revoked: savedAuthority, unknown: savedAuthority }),
    cards: z.array(z.object({ card: z.record(z.string(), z.unknown()), certificate: pem, privateKey: pem })),
  }),
  tls: z.object({ certificate: pem, privateKey: pem, caPem: pem }),
});

/** The saved state, or undefined when none was saved; throws when the file is unreadable or malformed. */
export async function readSandboxState(dir: string): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, SANDBOX_STATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = stateFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a sandbox state file of version ${VERSION}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return parsed.data;
}

/**
 * Replaces the state file through a rename, so a start interrupted while writing leaves
 * the old file or the new one, never half of one. Readable only by its owner: keys.
 */
export async function writeSandboxState(dir: string, state: SandboxState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, SANDBOX_STATE_FILE);
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const contents = { warning: WARNING, version: VERSION, createdAt: new Date().toISOString(), ...state };
  await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
