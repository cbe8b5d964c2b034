import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxCard } from './sandbox-card.ts';

/**
 * Writes `<dir>/<id>.p12` per card, `<dir>/ca/<name>.pem` per CA and `<dir>/README.txt`,
 * so a developer finds the files on disk without opening the sandbox page. The `.p12`
 * files are readable only by their owner: they are keys, if only test ones.
 */
export async function writeCardFiles(
  dir: string,
  cards: readonly SandboxCard[],
  caPems: ReadonlyMap<string, string>,
  readme: string,
): Promise<SandboxCard[]> {
  await mkdir(path.join(dir, 'ca'), { recursive: true });
  await Promise.all([...caPems].map(([name, pem]) => writeFile(path.join(dir, 'ca', `${name}.pem`), pem)));
  await writeFile(path.join(dir, 'README.txt'), readme);
  return Promise.all(cards.map(async (card) => {
    const file = path.join(dir, `${card.id}.p12`);
    await writeFile(file, card.pfx, { mode: 0o600 });
    return Object.freeze({ ...card, file });
  }));
}
