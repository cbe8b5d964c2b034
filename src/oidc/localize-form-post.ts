import type { Context, Next } from 'koa';
import { requestLocale } from '../http/request-locale.ts';
import { renderContinuePage } from '../views/pages/continue-page.ts';

const MARKER = '<title>Submitting Callback</title>';
const FORM = /<form method="post" action="([^"]*)">/;
const INPUT = /<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g;
const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]!);

/**
 * oidc-provider posts some answers onwards with a page of its own (logout without a
 * session, `response_mode=form_post`): English, unstyled, its Continue button only in
 * <noscript>. This re-renders that page as Portti's, in the citizen's language, with the
 * same form action and fields. The fields are read back from oidc-provider's escaped HTML
 * and escaped again by Portti's templates.
 */
export async function localizeFormPost(ctx: Context, next: Next): Promise<void> {
  await next();
  if (typeof ctx.body !== 'string' || !ctx.body.includes(MARKER)) return;
  const action = FORM.exec(ctx.body)?.[1];
  if (action === undefined) return;
  const inputs = [...ctx.body.matchAll(INPUT)].map((m) => [unescape(m[1]!), unescape(m[2]!)] as const);
  const target = unescape(action);
  ctx.body = renderContinuePage({
    locale: requestLocale(ctx, (ctx as { oidc?: { params?: { ui_locales?: unknown } } }).oidc?.params?.ui_locales),
    nonce: ctx.state.cspNonce as string,
    purpose: new URL(target, 'http://x.invalid').pathname.endsWith('/session/end/confirm') ? 'logout' : 'return',
    action: target,
    inputs,
  });
}
