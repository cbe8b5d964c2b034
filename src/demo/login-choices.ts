/** Levels of assurance as Finnish trust-network ACR values (Traficom, formerly Ficora). */
export const LEVELS = {
  substantial: 'http://ftn.ficora.fi/2017/loa2',
  high: 'http://ftn.ficora.fi/2017/loa3',
} as const;

export const LANGUAGES = {
  fi: 'suomi',
  sv: 'svenska',
  en: 'English',
} as const;

export type Level = keyof typeof LEVELS;
export type Language = keyof typeof LANGUAGES;

export const IDENTITY_CODE_SCOPE = 'personal_identity_code';

export interface LoginChoices {
  readonly askIdentityCode: boolean;
  readonly language?: Language;
  readonly level?: Level;
}

function isKeyOf<T extends object>(table: T, key: string | null): key is Extract<keyof T, string> {
  return key !== null && Object.hasOwn(table, key);
}

/** Reads the front page's form; anything unexpected is left out rather than refused. */
export function readLoginChoices(query: URLSearchParams): LoginChoices {
  const language = query.get('ui_locales');
  const level = query.get('level');
  return {
    askIdentityCode: query.has(IDENTITY_CODE_SCOPE),
    ...(isKeyOf(LANGUAGES, language) ? { language } : {}),
    ...(isKeyOf(LEVELS, level) ? { level } : {}),
  };
}

export interface RequestSecrets {
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeChallenge: string;
}

export function authorizationParameters(choices: LoginChoices, secrets: RequestSecrets): Record<string, string> {
  return {
    redirect_uri: secrets.redirectUri,
    response_type: 'code',
    scope: ['openid', 'profile', ...(choices.askIdentityCode ? [IDENTITY_CODE_SCOPE] : [])].join(' '),
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: secrets.codeChallenge,
    code_challenge_method: 'S256',
    ...(choices.language ? { ui_locales: choices.language } : {}),
    ...(choices.level ? { acr_values: LEVELS[choices.level] } : {}),
  };
}
