import { startSandboxPsp, type RunningSandboxPsp } from '../../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import type { RunningSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import type { RunningSandboxCardPeers } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import { deepMerge } from '../../src/config/load-config.ts';
import { startDemoEservice, type RunningDemo } from '../../src/demo/start-demo-eservice.ts';
import { startSandboxCardMethod } from './card-test-system.ts';
import { startMobileTestSystem } from './mobile-test-system.ts';
import { freePort } from './free-port.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';
import { createTestEservices } from './test-eservices.ts';

const DEMO_SECRET = 'demo-secret-for-the-e2e-test-0123456789';
const DEMO_WEBHOOK_KEY = { kid: 'demo-browser-test', secret: 'demo-webhook-secret-for-the-browser-test-0123' };

/** The demo e-service's names, as config/eservices.json registers it. */
export const DEMO_NAME = { fi: 'Lupapalvelu (demo)', sv: 'Tillståndstjänsten (demo)', en: 'Permit service (demo)' } as const;

export interface DemoSystem {
  readonly system: TestSystem;
  readonly demo: RunningDemo;
  /** Where a browser opens the demo e-service. */
  readonly demoUrl: string;
  /** The sandbox MSSP, when started with `mobile`. */
  readonly mssp?: RunningSandboxMssp;
  /** The sandbox payment provider, when started with `payments`. */
  readonly psp?: RunningSandboxPsp;
  /** When started with `card`: the sandbox card peers (test cards, CA, register) and Portti's card endpoint origin. */
  readonly card?: { readonly peers: RunningSandboxCardPeers; readonly origin: string };
  close(): Promise<void>;
}

export interface DemoSystemOptions {
  /** Enable the mobile certificate method against a sandbox MSSP. */
  readonly mobile?: boolean;
  /** Point Portti's payments at the sandbox payment provider (the demo's "Pay" button works). */
  readonly payments?: boolean;
  /** Enable the citizen certificate (ID card) method: its https endpoint on localhost and the sandbox card peers. */
  readonly card?: boolean;
}

/**
 * The test system with the demo e-service registered beside the test e-services and
 * running on a free port, as `npm start` wires them: what a citizen clicks through.
 */
export async function startDemoSystem(options: DemoSystemOptions = {}): Promise<DemoSystem> {
  const port = await freePort();
  const demoUrl = `http://127.0.0.1:${port}`;
  const { registry } = await createTestEservices();
  const [psp, card] = await Promise.all([
    options.payments ? startSandboxPsp({ host: '127.0.0.1', port: 0 }) : undefined,
    options.card ? startSandboxCardMethod() : undefined,
  ]);
  const closePeers = async () => {
    await psp?.close();
    await card?.peers.close();
  };
  const overrides = deepMerge(card?.config ?? {}, {
    eservices: [...registry, {
      clientId: 'demo-permits',
      name: DEMO_NAME,
      redirectUris: [`${demoUrl}/callback`],
      postLogoutRedirectUris: [`${demoUrl}/`],
      backchannelLogoutUri: `${demoUrl}/backchannel-logout`,
      auth: { method: 'client_secret_basic', secret: DEMO_SECRET },
      ...(psp ? { webhookSecrets: [DEMO_WEBHOOK_KEY] } : {}),
      permissions: { personalIdentityCode: true, satu: false, payments: true },
    }],
    ...(psp ? { payments: { paytrail: { apiUrl: psp.url }, jobIntervalSeconds: 3600 } } : {}),
  });
  let system: TestSystem;
  let mssp: RunningSandboxMssp | undefined;
  try {
    if (options.mobile) ({ system, mssp } = await startMobileTestSystem(overrides));
    else system = await startTestSystem(overrides);
  } catch (error) {
    await closePeers();
    throw error;
  }
  try {
    await card?.attach(system); // from here on the system closes the card peers
  } catch (error) {
    await system.close();
    await psp?.close();
    throw error;
  }
  let demo: RunningDemo;
  try {
    demo = await startDemoEservice({
      host: '127.0.0.1', port, publicUrl: demoUrl, issuer: system.issuer,
      clientId: 'demo-permits', clientSecret: DEMO_SECRET, log: () => undefined,
      ...(psp ? { webhookKey: DEMO_WEBHOOK_KEY } : {}),
    });
  } catch (error) {
    await system.close();
    await psp?.close();
    throw error;
  }
  return {
    system,
    demo,
    demoUrl,
    ...(mssp ? { mssp } : {}),
    ...(psp ? { psp } : {}),
    ...(card ? { card: { peers: card.peers, origin: cardOrigin(system) } } : {}),
    async close() {
      await demo.close();
      await system.close();
      await psp?.close();
    },
  };
}

function cardOrigin(system: TestSystem): string {
  if (!system.config.card.enabled) throw new Error('the card method is not on');
  return new URL(system.config.card.publicUrl).origin;
}
