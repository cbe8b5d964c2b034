import { escapeHtml } from './escape-html.ts';
import type { LoggedInUser } from './session-store.ts';

/** Shown first and in this order; whatever else arrives follows alphabetically. */
const NOTABLE_CLAIMS = [
  'name', 'given_name', 'family_name', 'birthdate', 'personal_identity_code',
  'acr', 'amr', 'auth_time', 'iss', 'sub',
] as const;

const TIME_CLAIMS = new Set(['auth_time', 'iat', 'exp', 'nbf']);

function formatValue(claim: string, value: unknown): string {
  if (value === undefined) return '<span class="absent">not received</span>';
  if (TIME_CLAIMS.has(claim) && typeof value === 'number') {
    return `${escapeHtml(value)} <span class="note">(${escapeHtml(new Date(value * 1000).toISOString())})</span>`;
  }
  if (Array.isArray(value)) return escapeHtml(value.map(String).join(', '));
  if (typeof value === 'object' && value !== null) return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
  return escapeHtml(value);
}

function claimOrder(user: LoggedInUser): string[] {
  const notable: readonly string[] = NOTABLE_CLAIMS;
  const received = new Set([...Object.keys(user.idTokenClaims), ...Object.keys(user.userinfo)]);
  const others = [...received].filter((claim) => !notable.includes(claim)).sort();
  const shownNotable = notable.filter((claim) => received.has(claim) || claim !== 'personal_identity_code');
  return [...shownNotable, ...others];
}

/** Each claim with where it came from, so a reader sees what the ID token and userinfo each carry. */
export function renderClaimsTable(user: LoggedInUser): string {
  const rows = claimOrder(user).map((claim) => `<tr>
<th scope="row"><code>${escapeHtml(claim)}</code></th>
<td>${formatValue(claim, user.idTokenClaims[claim])}</td>
<td>${formatValue(claim, user.userinfo[claim])}</td>
</tr>`);
  return `<table>
<caption>Claims received from Portti</caption>
<thead><tr><th scope="col">Claim</th><th scope="col">From the ID token</th><th scope="col">From userinfo</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}
