/**
 * The e-service the load generator plays. Its redirect URI is never served: a flow ends
 * when the browser is sent there, and the code is redeemed from that URL.
 */
export const BENCH_ESERVICE = {
  clientId: 'bench-eservice',
  secret: 'bench-only-client-secret-0123456789abcdef',
  redirectUri: 'http://bench.example.test/callback',
} as const;

/** Its entry in Portti's e-service registry (config `eservices`). */
export const BENCH_ESERVICE_REGISTRATION = {
  clientId: BENCH_ESERVICE.clientId,
  name: { fi: 'Kuormitustesti', sv: 'Belastningstest', en: 'Load test' },
  redirectUris: [BENCH_ESERVICE.redirectUri],
  auth: { method: 'client_secret_basic', secret: BENCH_ESERVICE.secret },
  permissions: { personalIdentityCode: true, satu: false, payments: true },
};
