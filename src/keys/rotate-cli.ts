import { loadConfig } from '../config/load-config.ts';
import { ConfigError } from '../config/config-error.ts';
import { openStorage } from '../storage/open-storage.ts';
import { rotateKeys } from './rotate-keys.ts';

/**
 * `npm run keys:rotate`: adds new signing and encryption keys to the store. The old keys
 * stay published until nothing they signed can still be valid (OP keys), or until banks
 * have surely refreshed our JWKS (RP keys). Restart broker instances one by one afterwards
 * to sign with the new keys; both generations verify meanwhile.
 */
const RP_KEY_OVERLAP_SECONDS = 14 * 86400;

async function main(): Promise<void> {
  const config = loadConfig({ env: process.env });
  const storage = await openStorage(config.store);
  try {
    const opSeconds = Math.max(config.ttl.idToken, config.ttl.accessToken, config.ttl.clientCredentials, config.ttl.authorizationCode);
    const added = await rotateKeys(storage, { opSeconds, rpSeconds: RP_KEY_OVERLAP_SECONDS });
    process.stdout.write(`Added keys:\n${added.map((line) => `  ${line}`).join('\n')}\n`);
    process.stdout.write(`Old OP keys stay published for ${opSeconds} s, old RP keys for ${RP_KEY_OVERLAP_SECONDS / 86400} days.\n`);
    process.stdout.write('Restart broker instances one at a time to start signing with the new keys.\n');
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `keys:rotate: ${error.message}\n` : `keys:rotate failed: ${String(error)}\n`);
  process.exit(1);
});
