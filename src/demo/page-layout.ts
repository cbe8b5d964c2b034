import { escapeHtml } from './escape-html.ts';

export const SERVICE_NAME = 'Permit service (demo)';

const style = `
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
  header { border-bottom: 4px solid #003580; margin-bottom: 1.5rem; }
  header p { margin: 0 0 .5rem; color: #003580; font-weight: 600; }
  fieldset { border: 1px solid #ccc; padding: 1rem; margin: 0 0 1rem; }
  .field { margin: 0 0 .75rem; }
  label { font-weight: 500; }
  select { display: block; margin-top: .25rem; padding: .3rem; font: inherit; }
  button { font: inherit; padding: .5rem 1.25rem; background: #003580; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
  button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  caption { text-align: left; font-weight: 600; padding-bottom: .5rem; overflow-wrap: anywhere; }
  th, td { border: 1px solid #ccc; padding: .4rem .6rem; text-align: left; vertical-align: top; word-break: break-word; }
  thead th { background: #eef2f8; }
  .absent { color: #666; }
  .note { color: #444; font-size: .95rem; }
`;

export interface LayoutInput {
  readonly nonce: string;
  readonly title: string;
  /** Already-escaped HTML for the `<main>` element. */
  readonly main: string;
}

export function renderLayout(input: LayoutInput): string {
  const pageTitle = input.title === SERVICE_NAME ? SERVICE_NAME : `${input.title} – ${SERVICE_NAME}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pageTitle)}</title>
<style nonce="${escapeHtml(input.nonce)}">${style}</style>
</head>
<body>
<header><p>${escapeHtml(SERVICE_NAME)}</p></header>
<main>
${input.main}
</main>
</body>
</html>
`;
}
