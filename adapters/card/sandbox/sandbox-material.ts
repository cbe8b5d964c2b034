import path from 'node:path';
import { createSandboxCitizenCa, type SandboxCitizenCa } from './sandbox-citizen-ca.ts';
import { restoreSandboxCitizenCa, saveSandboxCitizenCa } from './saved-citizen-ca.ts';
import { createSandboxServerTls, restoreSandboxServerTls, type SandboxServerTls } from './sandbox-tls.ts';
import { readSandboxState, writeSandboxState, SANDBOX_STATE_FILE } from './sandbox-state.ts';
import { staleReason } from './stale-reason.ts';
import { TEST_CARDS } from './test-cards.ts';

/** The keys and certificates the card peers serve. */
export interface SandboxMaterial {
  readonly ca: SandboxCitizenCa;
  readonly serverTls: SandboxServerTls;
  /** True when it came from the state file of a previous start. */
  readonly restored: boolean;
}

export interface SandboxMaterialOptions {
  readonly crlBaseUrl: string;
  /** Where the state file is kept; without it every start generates new material. */
  readonly outputDir?: string;
  readonly log: (event: Record<string, unknown>) => void;
}

/**
 * The material of the previous start when `outputDir` holds a usable state file, so test
 * cards and the TLS CA a person imported keep working; otherwise new material, saved for
 * the next start. A state file that cannot be used is logged and replaced, never fatal.
 */
export async function obtainSandboxMaterial(options: SandboxMaterialOptions): Promise<SandboxMaterial> {
  const { crlBaseUrl, outputDir, log } = options;
  if (!outputDir) return generate(crlBaseUrl);
  const restored = await restore(outputDir, crlBaseUrl, log);
  if (restored) return restored;
  const material = await generate(crlBaseUrl);
  await writeSandboxState(outputDir, { crlBaseUrl, citizenCa: saveSandboxCitizenCa(material.ca), tls: material.serverTls });
  return material;
}

async function generate(crlBaseUrl: string): Promise<SandboxMaterial> {
  const [ca, serverTls] = await Promise.all([createSandboxCitizenCa(crlBaseUrl), createSandboxServerTls()]);
  return { ca, serverTls, restored: false };
}

async function restore(outputDir: string, crlBaseUrl: string, log: SandboxMaterialOptions['log']): Promise<SandboxMaterial | undefined> {
  const file = path.join(outputDir, SANDBOX_STATE_FILE);
  try {
    const state = await readSandboxState(outputDir);
    const reason = state ? staleReason(state, crlBaseUrl, TEST_CARDS) : 'no saved state';
    if (reason || !state) {
      log({ event: 'sandbox card material generated', file, reason });
      return undefined;
    }
    const [ca, serverTls] = await Promise.all([restoreSandboxCitizenCa(state.citizenCa, crlBaseUrl), restoreSandboxServerTls(state.tls)]);
    return { ca, serverTls, restored: true };
  } catch (error) {
    log({ event: 'sandbox card material generated', file, reason: 'unusable state file', error: (error as Error).message });
    return undefined;
  }
}
