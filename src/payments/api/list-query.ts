import type { PaymentListQuery, PaymentState } from '../../storage/storage.ts';
import { invalid } from './payment-input.ts';

const STATES: readonly PaymentState[] = ['created', 'started', 'succeeded', 'failed', 'cancelled', 'expired'];
const PARAMS = new Set(['state', 'created_after', 'created_before', 'limit', 'cursor']);

/**
 * `GET /payments?state=succeeded,failed&created_after=...&created_before=...&limit=50&cursor=...`:
 * newest first; `cursor` is the `next_cursor` of the previous page.
 */
export function parseListQuery(clientId: string, query: URLSearchParams): PaymentListQuery {
  for (const name of query.keys()) if (!PARAMS.has(name)) throw invalid(`unknown query parameter: ${name}`);
  const single = (name: string) => {
    const values = query.getAll(name);
    if (values.length > 1) throw invalid(`${name}: give it once`);
    return values[0];
  };
  const states = query.getAll('state').flatMap((v) => v.split(',')).filter((s) => s !== '');
  for (const state of states) if (!STATES.includes(state as PaymentState)) throw invalid(`state: must be one of ${STATES.join(', ')}`);
  const limitText = single('limit') ?? '20';
  const limit = Number(limitText);
  if (!/^\d{1,3}$/.test(limitText) || limit < 1 || limit > 100) throw invalid('limit: must be 1-100');
  const createdFrom = time(single('created_after'), 'created_after');
  const createdBefore = time(single('created_before'), 'created_before');
  const cursor = single('cursor');
  return {
    clientId,
    limit,
    ...(states.length > 0 ? { states: states as PaymentState[] } : {}),
    ...(createdFrom === undefined ? {} : { createdFrom }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(cursor === undefined ? {} : { after: decodeCursor(cursor) }),
  };
}

export function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'number' && typeof id === 'string') return { createdAt, id };
  } catch {
    // refused below
  }
  throw invalid('cursor: not a cursor this API gave');
}

function time(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(ms)) {
    throw invalid(`${name}: must be an ISO 8601 date or time, such as 2025-01-31T12:00:00Z`);
  }
  return ms;
}
