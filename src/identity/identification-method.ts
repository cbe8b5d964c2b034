import type { Acr, Identity, MethodKind } from './identity.ts';
import type { Locale, LocalizedText } from '../i18n/locale.ts';

/** One choice on the method-choice page, such as one bank. */
export interface MethodOption {
  /** Stable id used in forms, logs and audit, e.g. `bank:nordea`. */
  readonly id: string;
  readonly kind: MethodKind;
  /** Which bank or operator, as `Identity.subMethod` names it, e.g. `nordea`. */
  readonly subMethod: string;
  readonly label: LocalizedText;
  readonly acr: Acr;
}

export interface StartRequest {
  readonly interactionUid: string;
  readonly optionId: string;
  readonly locale: Locale;
  /** The e-service's name, which the upstream shows the citizen (FTN `ftn_spname`). */
  readonly eserviceName: string;
  readonly correlationId: string;
}

/**
 * What a method must remember between start and completion. The interaction layer
 * stores it with the interaction (so a broker restart loses nothing) and hands it back.
 */
export interface PendingIdentification {
  readonly optionId: string;
  /**
   * A value that arrives on the upstream's return without our cookies (an OAuth `state`),
   * by which the return is matched to its interaction.
   */
  readonly returnKey: string;
  readonly data: Readonly<Record<string, string>>;
}

export type StartResult = {
  readonly kind: 'redirect';
  readonly url: string;
  readonly pending: PendingIdentification;
};

export interface CompleteRequest {
  readonly pending: PendingIdentification;
  /** The upstream's answer as it reached our return URL. */
  readonly params: URLSearchParams;
  readonly correlationId: string;
}

export type FailureReason = 'cancelled' | 'timeout' | 'rejected' | 'upstream_error';

export interface IdentificationFailure {
  readonly reason: FailureReason;
  /** Stable code for logs and audit, e.g. `ERR_BANK_ID_TOKEN_INVALID`. */
  readonly code: string;
  /** Operator-facing detail; never shown to the citizen. */
  readonly detail: string;
  /** False when the same credentials can never succeed (an expired card): the page then leads with another method. */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

export type CompletionOutcome =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly failure: IdentificationFailure };

/**
 * The port every identification method implements. Adapters never touch oidc-provider,
 * sessions or the store: they turn an upstream conversation into an `Identity`.
 */
export interface IdentificationMethod {
  readonly kind: MethodKind;
  options(): readonly MethodOption[];
  start(request: StartRequest): Promise<StartResult>;
  complete(request: CompleteRequest): Promise<CompletionOutcome>;
}

/*
 * Decoupled methods: the citizen confirms on another device (the mobile certificate on
 * a SIM card), so there is no redirect and no return URL. The interaction layer asks for
 * the citizen's user id (a phone number), starts the method, then polls it until the
 * upstream answers. Everything a method needs between polls lives in `DecoupledPending`,
 * which the interaction layer keeps in the store, so any worker (or a restarted broker)
 * can take the next poll.
 */

export interface DecoupledStartRequest extends StartRequest {
  /** The user id as `parseUserId` normalised it, e.g. an E.164 phone number. */
  readonly userId: string;
}

/** What a decoupled method remembers between polls. Plain JSON: it is stored as is. */
export interface DecoupledPending {
  readonly optionId: string;
  readonly userId: string;
  /** Short code shown both in the browser and on the device (FiCom event ID). */
  readonly displayCode: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  /** Before this (epoch ms) the upstream is not asked again. */
  readonly nextPollAt: number;
  /** After this (epoch ms) the attempt has timed out, whatever the upstream says. */
  readonly deadline: number;
  readonly data: Readonly<Record<string, string>>;
}

export type DecoupledStartOutcome =
  | { readonly ok: true; readonly pending: DecoupledPending }
  | { readonly ok: false; readonly failure: IdentificationFailure };

export interface PollRequest {
  readonly pending: DecoupledPending;
  readonly correlationId: string;
}

export type PollOutcome =
  | { readonly status: 'outstanding'; readonly pending: DecoupledPending }
  | { readonly status: 'done'; readonly outcome: CompletionOutcome };

/** How the interaction layer must treat a decoupled method's attempts. */
export interface DecoupledPolicy {
  /** How often the waiting page asks Portti for news (milliseconds); the upstream is polled on its own schedule. */
  readonly browserPollMs: number;
  /** At most this many attempts per user id within `attemptWindowSeconds`: each one disturbs a phone. */
  readonly maxAttempts: number;
  /** At most this many attempts from one client address within the window, whatever the user ids. */
  readonly maxAttemptsPerAddress: number;
  readonly attemptWindowSeconds: number;
}

export interface DecoupledIdentificationMethod {
  readonly kind: MethodKind;
  readonly flow: 'decoupled';
  readonly policy: DecoupledPolicy;
  options(): readonly MethodOption[];
  /** Checks and normalises what the citizen typed; `undefined` when it cannot be a user id. */
  parseUserId(input: string): string | undefined;
  start(request: DecoupledStartRequest): Promise<DecoupledStartOutcome>;
  /** Asks the upstream only when `pending.nextPollAt` has passed; never throws for upstream trouble. */
  poll(request: PollRequest): Promise<PollOutcome>;
}

/** Every method the registry can hold: redirect methods (banks) leave `flow` out. */
export type AnyIdentificationMethod = (IdentificationMethod & { readonly flow?: 'redirect' }) | DecoupledIdentificationMethod;
