import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';

/** Value shapes several config sections share. */

export const localizedText = z.strictObject({
  fi: z.string().min(1),
  sv: z.string().min(1),
  en: z.string().min(1),
});

export const httpUrl = z.url({ protocol: /^https?$/ });
export const port = z.number().int().min(0).max(65535);
export const level = z.enum(['substantial', 'high']);

/** PEM text given inline, or the path of a file holding it; undefined (and an issue) when the file cannot be read. */
export function readPemInput(value: string, ctx: z.RefinementCtx, what: string): string | undefined {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch {
    ctx.addIssue({ code: 'custom', message: `cannot read ${what} file ${value}` });
    return undefined;
  }
}

/** A PEM certificate given inline, or the path of a PEM file; the result is always the PEM text. */
export const pemCertificate = z.string().min(1).transform((value, ctx) => {
  const text = readPemInput(value, ctx, 'certificate');
  if (text === undefined) return z.NEVER;
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    if (pems.length === 0) throw new Error('no certificate');
    for (const pem of pems) new X509Certificate(pem);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a PEM certificate' });
    return z.NEVER;
  }
  return text;
});
