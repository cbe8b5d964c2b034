import type { IssuerConnection } from './issuer-connection.ts';
import type { DemoLog } from './demo-log.ts';
import type { SessionStore } from './session-store.ts';
import type { DemoPayments } from './payments/demo-payments.ts';

/** What every route of the demo needs, built once by `startDemoEservice`. */
export interface DemoDeps {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly secureCookies: boolean;
  readonly sessions: SessionStore;
  readonly issuer: IssuerConnection;
  readonly log: DemoLog;
  /** Valid back-channel logout tokens received, for tests and curious newcomers. */
  readonly counters: { loggedOut: number };
  /** The "Pay" flow; see payments/. */
  readonly payments?: DemoPayments;
}
