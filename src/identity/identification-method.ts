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
