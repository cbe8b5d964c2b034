import { startSandboxPsp, type RunningSandboxPsp } from '../../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import type { RunningSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { startDemoEservice, type RunningDemo } from '../../src/demo/start-demo-eservice.ts';
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
  close(): Promise<void>;
}

export interface DemoSystemOptions {
  /** Enable the mobile certificate method against a sandbox MSSP. */
  readonly mobile?: boolean;
  /** Point Portti's payments at the sandbox payment provider (the demo's "Pay" button works). */
  readonly payments?: boolean;
}

/**
 * The test system with the demo e-service registered beside the test e-services and
 * running on a free port, as `npm start` wires them: what a citizen clicks through.
 */
export async function startDemoSystem(options: DemoSystemOptions = {}): Promise<DemoSystem> {
  const port = await freePort();
  const demoUrl = `http://127.0.0.1:${port}`;
  const { registry } = await createTestEservices();
  const psp = options.payments ? await startSandboxPsp({ host: '127.0.0.1', port: 0 }) : undefined;
  const overrides = {
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
  };
  let system: TestSystem;
  let mssp: RunningSandboxMssp | undefined;
  try {
    if (options.mobile) ({ system, mssp } = await startMobileTestSystem(overrides));
    else system = await startTestSystem(overrides);
  } catch (error) {
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
    async close() {
      await demo.close();
      await system.close();
      await psp?.close();
    },
  };
}
