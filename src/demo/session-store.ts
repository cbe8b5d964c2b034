import { randomBytes } from 'node:crypto';
import type { Language } from './login-choices.ts';

/** What `/login` remembers until Portti sends the citizen back to `/callback`. */
export interface PendingLogin {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
}

export interface LoggedInUser {
  readonly idToken: string;
  readonly accessToken: string;
  readonly idTokenClaims: Readonly<Record<string, unknown>>;
  readonly userinfo: Readonly<Record<string, unknown>>;
}

export interface DemoSession {
  readonly id: string;
  readonly csrfToken: string;
  pending?: PendingLogin;
  user?: LoggedInUser;
  /** The language asked of Portti at login, asked again at logout so Portti's pages keep it. */
  language?: Language;
  lastSeen: number;
}

export interface SessionStoreOptions {
  readonly idleMs: number;
  readonly maxSessions: number;
  readonly now?: () => number;
}

/**
 * In-memory sessions keyed by a random id. Enough for a demo: a restart logs everyone out,
 * and the cap keeps a flood of `/login` requests from growing memory without bound.
 */
export function createSessionStore(options: SessionStoreOptions) {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, DemoSession>();

  function isExpired(session: DemoSession): boolean {
    return now() - session.lastSeen > options.idleMs;
  }

  function pruneExpired(): void {
    for (const [id, session] of sessions) if (isExpired(session)) sessions.delete(id);
  }

  return {
    find(id: string | undefined): DemoSession | undefined {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      if (isExpired(session)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeen = now();
      return session;
    },

    create(): DemoSession {
      if (sessions.size >= options.maxSessions) pruneExpired();
      // Map iteration is insertion order, so the first key is the oldest session.
      if (sessions.size >= options.maxSessions) sessions.delete(sessions.keys().next().value as string);
      const session: DemoSession = {
        id: randomBytes(32).toString('base64url'),
        csrfToken: randomBytes(32).toString('base64url'),
        lastSeen: now(),
      };
      sessions.set(session.id, session);
      return session;
    },

    delete(id: string): void {
      sessions.delete(id);
    },

    /** Deletes every session `matches` accepts and says how many went. */
    deleteWhere(matches: (session: DemoSession) => boolean): number {
      let deleted = 0;
      for (const [id, session] of sessions) {
        if (matches(session)) {
          sessions.delete(id);
          deleted += 1;
        }
      }
      return deleted;
    },

    get size(): number {
      return sessions.size;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
