import { escapeHtml } from './escape-html.ts';
import { renderLayout } from './page-layout.ts';

export interface MessagePageInput {
  readonly nonce: string;
  readonly title: string;
  readonly message: string;
  readonly reference?: string;
}

/** A page with one message and the way back home: errors, cancellations, 404s. */
export function renderMessagePage(input: MessagePageInput): string {
  const reference = input.reference
    ? `<p class="note">Reference: <code>${escapeHtml(input.reference)}</code></p>`
    : '';
  return renderLayout({
    nonce: input.nonce,
    title: input.title,
    main: `<h1>${escapeHtml(input.title)}</h1>
<p>${escapeHtml(input.message)}</p>
${reference}
<p><a href="/">Back to the front page</a></p>`,
  });
}
