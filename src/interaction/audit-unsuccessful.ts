import type { Context } from 'koa';
import type { AuditLog } from '../audit/audit-log.ts';
import type { FailureReason, MethodOption } from '../identity/identification-method.ts';
import type { LoadedInteraction } from './load-interaction.ts';

/** Records an identification that did not log anyone in: cancelled, or failed with its code. */
export function auditUnsuccessful(
  audit: AuditLog,
  ctx: Context,
  interaction: LoadedInteraction,
  option: MethodOption,
  failure: { readonly reason: FailureReason; readonly code: string },
): Promise<void> {
  return audit.identification({
    outcome: failure.reason === 'cancelled' ? 'cancelled' : 'failed',
    correlationId: ctx.state.correlationId,
    clientId: interaction.eservice.clientId,
    method: option.kind,
    subMethod: option.subMethod,
    code: failure.code,
  });
}
