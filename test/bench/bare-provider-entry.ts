import Provider from 'oidc-provider';
import { exitWhenAsked } from './exit-when-asked.ts';

/*
 * The baseline for the token workload: oidc-provider with nothing of Portti's, its
 * default in-memory adapter, and one client allowed client credentials.
 */
const port = Number(process.env.BENCH_BARE_PORT);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: String(process.env.BENCH_CLIENT_ID),
    client_secret: String(process.env.BENCH_CLIENT_SECRET),
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  }],
  features: { clientCredentials: { enabled: true } },
});
const server = provider.listen(port, '127.0.0.1');
exitWhenAsked(() => new Promise<void>((resolveClose) => {
  server.close(() => resolveClose());
  server.closeAllConnections();
}));
