import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export const SECRET_A = 'test-secret-for-eservice-a-0123456789abcdef';
export const SECRET_B = 'test-secret-for-eservice-b-0123456789abcdef';

const name = (n: string) => ({ fi: `${n} (fi)`, sv: `${n} (sv)`, en: `${n} (en)` });

/**
 * E-services registered in the test broker: A may receive the hetu and use payments,
 * B may not; STRICT uses private_key_jwt and must send PAR and signed request objects.
 * Their redirect URIs are never served: the test browser stops when it is sent there.
 */
export async function createTestEservices() {
  const strictKey = await generateKeyPair('ES256', { extractable: true });
  const strictJwk = { ...(await exportJWK(strictKey.publicKey)), kid: 'strict-1', alg: 'ES256', use: 'sig' };
  const registry = [
    {
      clientId: 'eservice-a',
      name: name('Service A'),
      redirectUris: ['http://a.example.test/callback'],
      postLogoutRedirectUris: ['http://a.example.test/'],
      auth: { method: 'client_secret_basic', secret: SECRET_A },
      permissions: { personalIdentityCode: true, satu: true, payments: true },
    },
    {
      clientId: 'eservice-b',
      name: name('Service B'),
      redirectUris: ['http://b.example.test/callback'],
      postLogoutRedirectUris: ['http://b.example.test/'],
      auth: { method: 'client_secret_basic', secret: SECRET_B },
      permissions: { personalIdentityCode: false, satu: false, payments: false },
    },
    {
      clientId: 'eservice-strict',
      name: name('Strict service'),
      redirectUris: ['http://strict.example.test/callback'],
      auth: { method: 'private_key_jwt', jwks: { keys: [strictJwk] } },
      strict: true,
      permissions: { personalIdentityCode: true, satu: false, payments: false },
    },
  ];
  return { registry, strictKey: strictKey.privateKey as CryptoKey, strictKid: 'strict-1' };
}
