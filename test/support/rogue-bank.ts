import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  CompactEncrypt, SignJWT, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK,
  jwtVerify, type CryptoKey, type JWK, type JWTPayload,
} from 'jose';
import type { BankUpstreamConfig } from '../../src/config/schema.ts';

/**
 * How the rogue bank misbehaves. `none` is a correct FTN bank; every other mode breaks
 * exactly one thing, so a refused login is refused for that reason alone.
 */
export type RogueMode =
  | 'none'
  | 'wrong-nonce'
  | 'wrong-issuer'
  | 'bad-signature'
  | 'unencrypted'
  | 'invalid-hetu'
  | 'wrong-audience'
  | 'expired'
  | 'unmapped-acr'
  /** The authorization response names another issuer (an OAuth mix-up). */
  | 'wrong-response-iss'
  /** Correct, but the hetu comes only from userinfo (signed, then encrypted), as some banks do. */
  | 'userinfo-only'
  /** The hetu comes only from userinfo, sent as plain, unsigned JSON. */
  | 'plain-userinfo'
  /** The hetu comes only from userinfo, encrypted to the client but signed with another key. */
  | 'forged-userinfo'
  /** The bank drops the connection at the token endpoint. */
  | 'token-connection-reset'
  | 'token-server-error'
  | 'error'
  | 'cancel';

export const ROGUE_CLIENT_ID = 'portti';
export const ROGUE_ACR = 'http://ftn.ficora.fi/2017/loatest2';
export const ROGUE_PERSON = { hetu: '131052-308T', givenName: 'Liisa', familyName: 'Virtanen' } as const;
/** Same person, wrong check character (the right one is T). */
const BAD_HETU = '131052-308A';
const HETU_FROM_USERINFO: readonly RogueMode[] = ['userinfo-only', 'plain-userinfo', 'forged-userinfo'];

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface RogueBank {
  readonly issuer: string;
  /** Switchable at any time; a code carries the mode that was set when it was issued. */
  mode: RogueMode;
  /** The client's key set: request objects are verified with it, ID tokens encrypted to it. */
  clientJwksUri: string | undefined;
  /** The last request object, verified. */
  readonly lastRequest: JWTPayload | undefined;
  close(): Promise<void>;
}

interface IssuedCode {
  readonly mode: RogueMode;
  readonly nonce: string;
}

/**
 * A hand-written FTN-profile OpenID provider over real HTTP that answers each login at
 * once (no login page) with an ID token crafted per `mode`. It never checks client
 * authentication: it is the bank side of tests about what Portti refuses to believe.
 */
export async function startRogueBank(): Promise<RogueBank> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signing = await generateSigningKey('rogue-1');
  // Same kid as the real key: the bad signature must fail on the signature, not the key lookup.
  const impostor = await generateSigningKey('rogue-1');
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, { readonly sub: string; readonly mode: RogueMode }>();
  let clientJwks: { uri: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

  const bank: RogueBank & { lastRequest: JWTPayload | undefined } = {
    issuer,
    mode: 'none',
    clientJwksUri: undefined,
    lastRequest: undefined,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };

  const metadata = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    scopes_supported: ['openid', 'profile', 'personal_identity_code'],
    acr_values_supported: [ROGUE_ACR],
    id_token_signing_alg_values_supported: ['RS256'],
    id_token_encryption_alg_values_supported: ['RSA-OAEP'],
    id_token_encryption_enc_values_supported: ['A128CBC-HS256'],
    userinfo_signing_alg_values_supported: ['RS256'],
    userinfo_encryption_alg_values_supported: ['RSA-OAEP'],
    userinfo_encryption_enc_values_supported: ['A128CBC-HS256'],
    request_object_signing_alg_values_supported: ['RS256'],
    request_parameter_supported: true,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    ui_locales_supported: ['fi', 'sv', 'en'],
  };

  function verifyRequestObject(jwt: string): Promise<JWTPayload> {
    const uri = requireClientJwksUri();
    if (clientJwks?.uri !== uri) clientJwks = { uri, keys: createRemoteJWKSet(new URL(uri)) };
    return jwtVerify(jwt, clientJwks.keys, { issuer: ROGUE_CLIENT_ID, audience: issuer, algorithms: ['RS256'] })
      .then(({ payload }) => payload);
  }

  function requireClientJwksUri(): string {
    if (!bank.clientJwksUri) throw new Error('rogue bank: set clientJwksUri to the client\'s /upstream/jwks first');
    return bank.clientJwksUri;
  }

  async function authorize(url: URL, res: ServerResponse): Promise<void> {
    const requestObject = url.searchParams.get('request');
    if (!requestObject) return json(res, 400, { error: 'invalid_request', error_description: 'a signed request object is required' });
    const request = await verifyRequestObject(requestObject);
    bank.lastRequest = request;
    const back = new URL(String(request.redirect_uri));
    const mode = bank.mode;
    const answer: Record<string, string> = { state: String(request.state), iss: mode === 'wrong-response-iss' ? 'https://other-bank.example.test' : issuer };
    if (mode === 'error') Object.assign(answer, { error: 'server_error', error_description: 'the bank is having a bad day' });
    else if (mode === 'cancel') Object.assign(answer, { error: 'cancel' });
    else {
      const code = randomId();
      codes.set(code, { mode, nonce: String(request.nonce) });
      answer.code = code;
    }
    for (const [name, value] of Object.entries(answer)) back.searchParams.set(name, value);
    res.writeHead(303, { location: back.href, 'cache-control': 'no-store' }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code);
    if (!issued) return json(res, 400, { error: 'invalid_grant' });
    if (issued.mode === 'token-server-error') {
      res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>');
      return;
    }
    if (issued.mode === 'token-connection-reset') {
      req.socket.destroy();
      return;
    }
    const sub = randomId();
    const accessToken = randomId();
    accessTokens.set(accessToken, { sub, mode: issued.mode });
    const idToken = await craftIdToken(issued, sub);
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600, id_token: idToken });
  }

  async function craftIdToken({ mode, nonce }: IssuedCode, sub: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expired = mode === 'expired';
    const claims: JWTPayload & Record<string, unknown> = {
      iss: mode === 'wrong-issuer' ? 'https://other-bank.example.test' : issuer,
      sub,
      aud: mode === 'wrong-audience' ? 'someone-else' : ROGUE_CLIENT_ID,
      // Well beyond openid-client's 30 s clock tolerance.
      iat: expired ? now - 3600 : now,
      exp: expired ? now - 1800 : now + 600,
      nonce: mode === 'wrong-nonce' ? randomId() : nonce,
      acr: mode === 'unmapped-acr' ? 'http://ftn.ficora.fi/2017/loatest3' : ROGUE_ACR,
      given_name: ROGUE_PERSON.givenName,
      family_name: ROGUE_PERSON.familyName,
      ...(HETU_FROM_USERINFO.includes(mode) ? {} : { personal_identity_code: mode === 'invalid-hetu' ? BAD_HETU : ROGUE_PERSON.hetu }),
    };
    const jws = await sign(claims, mode === 'bad-signature' ? impostor : signing);
    return mode === 'unencrypted' ? jws : encryptToClient(jws);
  }

  function sign(claims: JWTPayload, key: SigningKey): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  async function encryptToClient(jws: string): Promise<string> {
    const response = await fetch(requireClientJwksUri());
    const { keys } = (await response.json()) as { keys: JWK[] };
    const jwk = keys.find((k) => k.use === 'enc' && k.kty === 'RSA');
    if (!jwk) throw new Error('rogue bank: the client publishes no RSA encryption key');
    const key = await importJWK({ ...jwk, alg: 'RSA-OAEP' }, 'RSA-OAEP');
    return new CompactEncrypt(new TextEncoder().encode(jws))
      .setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256', kid: jwk.kid!, cty: 'JWT' })
      .encrypt(key);
  }

  async function userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const grant = accessTokens.get(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!grant) return json(res, 401, { error: 'invalid_token' });
    const claims = {
      sub: grant.sub,
      personal_identity_code: ROGUE_PERSON.hetu,
      given_name: ROGUE_PERSON.givenName,
      family_name: ROGUE_PERSON.familyName,
    };
    if (grant.mode === 'plain-userinfo') return json(res, 200, claims);
    const jws = await sign({ ...claims, iss: issuer, aud: ROGUE_CLIENT_ID }, grant.mode === 'forged-userinfo' ? impostor : signing);
    res.writeHead(200, { 'content-type': 'application/jwt', 'cache-control': 'no-store' }).end(await encryptToClient(jws));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const route = async (): Promise<void> => {
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /.well-known/openid-configuration': return json(res, 200, metadata);
        case 'GET /jwks': return json(res, 200, { keys: [signing.publicJwk] });
        case 'GET /authorize': return authorize(url, res);
        case 'POST /token': return token(req, res);
        case 'GET /userinfo': return userinfo(req, res);
        default: return json(res, 404, { error: 'not_found' });
      }
    };
    route().catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) json(res, 500, { error: 'server_error', error_description: String(error) });
    });
  });
  return bank;
}

/** The bank upstream entry that registers a rogue bank in Portti, FTN claim names, one bank choice. */
export function rogueUpstream(bank: Pick<RogueBank, 'issuer'>, id: string): Omit<BankUpstreamConfig, 'scope' | 'cancelErrors'> {
  return {
    id,
    issuer: bank.issuer,
    clientId: ROGUE_CLIENT_ID,
    claims: { hetu: 'personal_identity_code', givenName: 'given_name', familyName: 'family_name' },
    acrMap: { [ROGUE_ACR]: 'substantial' },
    banks: [{ id, label: { fi: `Huijauspankki ${id}`, sv: `Bluffbanken ${id}`, en: `Rogue Bank ${id}` }, acrValues: ROGUE_ACR }],
  };
}

async function generateSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function randomId(): string {
  return randomBytes(16).toString('base64url');
}
