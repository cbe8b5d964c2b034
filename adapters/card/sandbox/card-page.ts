import type { SandboxCard } from './sandbox-card.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const IMPORT_STEPS = [
  'Firefox: Settings > Privacy & Security > Certificates > View Certificates > Your Certificates > Import, choose the .p12 file and type the password.',
  'Chrome and Edge: Settings > Privacy and security > Security > Manage certificates > Your certificates (on Windows: Import in the certificate manager), choose the .p12 file and type the password.',
  'In Portti choose "Citizen certificate (ID card)". The browser asks which certificate to send: pick the test card.',
  'The browser warns that the card endpoint\'s certificate is not trusted: that is expected in the sandbox. Accept it, or import the Portti Sandbox TLS CA as an authority trusted to identify websites.',
];

/** The sandbox card peer's own page: every test card, its password and how to use it. */
export function renderCardPage(cards: readonly SandboxCard[], password: string, outputDir?: string): string {
  const lifetime = outputDir
    ? `They are kept in the folder <code>${escape(outputDir)}</code> and stay the same across restarts: new ones are generated only when that folder is deleted or the sandbox's address changes.`
    : 'They were generated when the sandbox started and change on every restart.';
  const rows = cards.map((card) => `<tr><td><code>${escape(card.id)}</code></td><td>${escape(card.description)}</td><td>${escape(`${card.givenName} ${card.surname}`)}</td><td><code>${escape(card.satu)}</code></td><td><a href="/cards/${escape(card.id)}.p12" download>${escape(card.id)}.p12</a></td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sandbox citizen certificates (ID card)</title></head>
<body>
<main>
<h1>Sandbox citizen certificates (ID card)</h1>
<p>Test card certificates from the sandbox citizen CA. ${lifetime}
Each file is a PKCS#12 (.p12) holding the card's key and certificate. The password of every file is <code>${escape(password)}</code>.</p>
<table>
<caption>Test cards</caption>
<thead><tr><th scope="col">card</th><th scope="col">what it tests</th><th scope="col">holder</th><th scope="col">SATU</th><th scope="col">download</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Using a test card</h2>
<ol>
${IMPORT_STEPS.map((step) => `<li>${escape(step)}</li>`).join('\n')}
</ol>
<p>Sandbox TLS CA (for the card endpoint's server certificate): <a href="/tls-ca.pem">tls-ca.pem</a>.</p>
</main>
</body>
</html>
`;
}

/** The same table as plain text, written next to the `.p12` files. */
export function renderCardReadme(cards: readonly SandboxCard[], password: string, pageUrl: string): string {
  const lines = cards.map((card) => `${card.id.padEnd(16)} ${card.satu}  ${`${card.givenName} ${card.surname}`.padEnd(26)} ${card.description}`);
  return [
    'Portti sandbox citizen certificates (ID card)',
    '',
    `Password of every .p12 file: ${password}`,
    'These files stay the same across restarts of the sandbox: sandbox-state.json in this folder keeps the test CAs,',
    'the cards and the TLS certificate. New ones are generated only when this folder is deleted, when the sandbox\'s',
    'address changes or when a certificate is 30 days from expiry; then import the new files.',
    'sandbox-state.json holds the private keys unencrypted: they are sandbox test keys, never use or trust them elsewhere.',
    `The same list, with downloads: ${pageUrl}`,
    '',
    ...lines,
    '',
    ...IMPORT_STEPS.map((step, index) => `${index + 1}. ${step}`),
    'The sandbox TLS CA is in ca/portti-sandbox-tls-ca.pem.',
    '',
  ].join('\n');
}
