import { html, type SafeHtml } from '../html.ts';

/** Form field styles the shared stylesheet does not have yet; under the page's CSP nonce. */
export function mobileStyles(nonce: string): SafeHtml {
  return html`<style nonce="${nonce}">
.field{margin:1.5rem 0}
.field label{display:block;font-weight:700}
.field .hint{color:var(--muted);margin:.25rem 0}
.field .error{color:var(--danger);font-weight:700;margin:.25rem 0}
.field input{font:inherit;font-size:1.25rem;min-height:2.75rem;width:100%;max-width:20rem;padding:.4rem .6rem;border:2px solid var(--ink);border-radius:.25rem}
.field input[aria-invalid="true"]{border-color:var(--danger);border-width:3px}
.event-id{font-size:1.1rem}
.event-id strong{display:inline-block;font-size:2rem;letter-spacing:.2em;padding:.25rem .75rem;border:2px solid var(--brand);border-radius:.4rem;background:#fff}
</style>`;
}

/** `+358401234567` as Finns read it: `040 123 4567`. */
export function nationalPhone(msisdn: string): string {
  if (!msisdn.startsWith('+358')) return msisdn;
  const national = `0${msisdn.slice(4)}`;
  return `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`.trim();
}
