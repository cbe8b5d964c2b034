import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { DemoError, answerFor } from './demo-error.ts';
import type { DemoLog } from './demo-log.ts';
import { nonceOf } from './demo-security-headers.ts';
import { renderMessagePage } from './message-page.ts';

/** Set by API routes (back-channel logout) that answer errors in JSON, not as a page. */
export async function answerErrorsInJson(ctx: Context, next: Next): Promise<void> {
  ctx.state.answerJson = true;
  await next();
}

/**
 * Turns every failure into a friendly page (or OAuth-style JSON for API routes). Only our
 * own errors say what happened; anything else is a generic 500 with a reference to the log.
 */
export function handleDemoErrors(log: DemoLog) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.type = 'html';
        ctx.body = renderMessagePage({ nonce: nonceOf(ctx), title: 'Page not found', message: 'There is no such page here.' });
      }
    } catch (error) {
      const reference = randomUUID();
      const answer = error instanceof DemoError
        ? answerFor(error.code)
        : { status: 500, oauthError: 'server_error', title: 'Something went wrong', message: 'Something went wrong on our side. Please try again later.' };
      log(`demo: ${ctx.method} ${ctx.path} ${answer.status >= 400 ? 'failed' : 'ended early'}`, {
        reference,
        status: answer.status,
        code: error instanceof DemoError ? error.code : undefined,
        error: String(error),
        cause: error instanceof Error && error.cause !== undefined ? String(error.cause) : undefined,
      });
      ctx.status = answer.status;
      if (ctx.state.answerJson === true) {
        ctx.body = { error: answer.oauthError };
      } else {
        ctx.type = 'html';
        ctx.body = renderMessagePage({
          nonce: nonceOf(ctx),
          title: answer.title,
          message: answer.message,
          ...(answer.status >= 400 ? { reference } : {}),
        });
      }
    }
  };
}
