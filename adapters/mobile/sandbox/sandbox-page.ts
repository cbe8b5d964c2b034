import { nationalFormat, type TestPhone } from './test-numbers.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sandbox MSSP's own page: what each test number does. */
export function renderSandboxPage(phones: readonly TestPhone[], answerDelayMs: number): string {
  const rows = phones.map((phone) => `<tr><td>${escape(nationalFormat(phone.msisdn))}</td><td>${escape(phone.msisdn)}</td><td>${escape(phone.description)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sandbox MSSP (mobile certificate)</title></head>
<body>
<h1>Sandbox MSSP (mobile certificate)</h1>
<p>Speaks the ETSI TS 102 204 JSON binding at <code>/mss</code> in the FiCom authentication profile. Test phones answer
${escape(String(answerDelayMs))} ms after the request; until then a status request answers 504 OUTSTANDING_TRANSACTION.
The sandbox CA's certificate is at <a href="/ca.pem">/ca.pem</a>, its CRL at <a href="/crl/sandbox-mobile-ca.crl">/crl/sandbox-mobile-ca.crl</a>.</p>
<table>
<caption>Test phone numbers</caption>
<thead><tr><th scope="col">number</th><th scope="col">E.164</th><th scope="col">what happens</th></tr></thead>
<tbody>
${rows}
<tr><td>any other Finnish mobile number</td><td></td><td>no mobile certificate (fault 105 UNKNOWN_CLIENT)</td></tr>
</tbody>
</table>
</body>
</html>
`;
}
