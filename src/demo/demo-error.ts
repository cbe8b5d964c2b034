/** Everything that can go wrong in the demo e-service, as a closed set so `switch` narrows. */
export type DemoErrorCode =
  | 'ERR_DEMO_ISSUER_UNAVAILABLE'
  | 'ERR_DEMO_LOGIN_CANCELLED'
  | 'ERR_DEMO_LOGIN_FAILED'
  | 'ERR_DEMO_NO_LOGIN_IN_PROGRESS'
  | 'ERR_DEMO_CSRF'
  | 'ERR_DEMO_BAD_FORM'
  | 'ERR_DEMO_FORM_TOO_LARGE'
  | 'ERR_DEMO_INVALID_LOGOUT_TOKEN';

export class DemoError extends Error {
  readonly code: DemoErrorCode;

  constructor(code: DemoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemoError';
    this.code = code;
  }
}

export interface DemoErrorAnswer {
  readonly status: number;
  /** OAuth-style code for API callers (the back-channel logout endpoint). */
  readonly oauthError: string;
  readonly title: string;
  readonly message: string;
}

/** One table from outcome to answer, so every route fails the same way. */
export function answerFor(code: DemoErrorCode): DemoErrorAnswer {
  switch (code) {
    case 'ERR_DEMO_ISSUER_UNAVAILABLE':
      return {
        status: 503, oauthError: 'temporarily_unavailable', title: 'Identification is not available',
        message: 'The identification service cannot be reached right now. Please try again in a moment.',
      };
    case 'ERR_DEMO_LOGIN_CANCELLED':
      return {
        status: 200, oauthError: 'access_denied', title: 'You cancelled the login',
        message: 'You cancelled the login, so you were not logged in. You can try again whenever you like.',
      };
    case 'ERR_DEMO_LOGIN_FAILED':
      return {
        status: 400, oauthError: 'invalid_request', title: 'Login did not succeed',
        message: 'Something went wrong while logging you in. Please start again.',
      };
    case 'ERR_DEMO_NO_LOGIN_IN_PROGRESS':
      return {
        status: 400, oauthError: 'invalid_request', title: 'Login expired',
        message: 'We could not find the login you started, perhaps because it took too long. Please start again.',
      };
    case 'ERR_DEMO_CSRF':
      return {
        status: 403, oauthError: 'invalid_request', title: 'Request refused',
        message: 'The form was out of date. Please go back to the front page and try again.',
      };
    case 'ERR_DEMO_BAD_FORM':
    case 'ERR_DEMO_INVALID_LOGOUT_TOKEN':
      return {
        status: 400, oauthError: 'invalid_request', title: 'Bad request',
        message: 'The request could not be understood.',
      };
    case 'ERR_DEMO_FORM_TOO_LARGE':
      return {
        status: 413, oauthError: 'invalid_request', title: 'Request too large',
        message: 'The request was too large.',
      };
  }
}
