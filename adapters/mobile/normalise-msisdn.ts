/*
 * Finnish mobile numbers as citizens type them: `040 123 4567`, `040-1234567`,
 * `+358 40 123 4567`, `+358 (0)40 123 4567`, `00358401234567`, `358401234567`.
 * Mobile certificates are issued by the Finnish operators of the FiCom roaming mesh, so
 * only Finnish mobile numbers (national number starting 4x or 50) are accepted.
 */
const SEPARATORS = /[\s\u00a0\-./()]/g;
const FINNISH_MOBILE = /^(?:4\d|50)\d{5,8}$/;

/** The number in E.164 (`+358401234567`), or undefined when it cannot be a Finnish mobile number. */
export function normaliseMsisdn(input: string): string | undefined {
  if (input.length > 40) return undefined;
  let text = input.trim().replace(/\(0\)/g, '').replace(SEPARATORS, '');
  if (text.startsWith('+')) text = text.slice(1);
  else if (text.startsWith('00')) text = text.slice(2);
  else if (text.startsWith('0')) text = `358${text.slice(1)}`;
  if (!/^\d+$/.test(text) || !text.startsWith('358')) return undefined;
  const national = text.slice(3).replace(/^0/, '');
  return FINNISH_MOBILE.test(national) ? `+358${national}` : undefined;
}

/** For logs: the operator prefix stays, the subscriber part does not. */
export function maskMsisdn(msisdn: string): string {
  return `${msisdn.slice(0, 6)}${'*'.repeat(Math.max(0, msisdn.length - 8))}${msisdn.slice(-2)}`;
}
