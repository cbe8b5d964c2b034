import type { AuditEventInput } from './storage.ts';

/**
 * The audit record of a transition names the state it actually left, which only the store
 * knows for sure (a change may be allowed from several states), and the state it entered.
 */
export function withStates(event: AuditEventInput, from: string, to: string): AuditEventInput {
  return { ...event, data: { ...event.data, from, to } };
}
