import { startDemoEservice, type RunningDemo } from '../../src/demo/start-demo-eservice.ts';
import { freePort } from './free-port.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';
import { createTestEservices } from './test-eservices.ts';

const DEMO_SECRET = 'demo-secret-for-the-e2e-test-0123456789';

/** The demo e-service's names, as config/eservices.json registers it. */
export const DEMO_NAME = { fi: 'Lupapalvelu (demo)', sv: 'Tillståndstjänsten (demo)', en: 'Permit service (demo)' } as const;

export interface DemoSystem {
  readonly system: TestSystem;
  readonly demo: RunningDemo;
  /** Where a browser opens the demo e-service. */
  readonly demoUrl: string;
  close(): Promise<void>;
}

/**
 * The test system with the demo e-service registered beside the test e-services and
 * running on a free port, as `npm start` wires them: what a citizen clicks through.
 */
export async function startDemoSystem(): Promise<DemoSystem> {
  const port = await freePort();
  const demoUrl = `http://127.0.0.1:${port}`;
  const { registry } = await createTestEservices();
  const system = await startTestSystem({
    eservices: [...registry, {
      clientId: 'demo-permits',
      name: DEMO_NAME,
      redirectUris: [`${demoUrl}/callback`],
      postLogoutRedirectUris: [`${demoUrl}/`],
      backchannelLogoutUri: `${demoUrl}/backchannel-logout`,
      auth: { method: 'client_secret_basic', secret: DEMO_SECRET },
      permissions: { personalIdentityCode: true, satu: false, payments: true },
    }],
  });
  let demo: RunningDemo;
  try {
    demo = await startDemoEservice({
      host: '127.0.0.1', port, publicUrl: demoUrl, issuer: system.issuer,
      clientId: 'demo-permits', clientSecret: DEMO_SECRET, log: () => undefined,
    });
  } catch (error) {
    await system.close();
    throw error;
  }
  return {
    system,
    demo,
    demoUrl,
    async close() {
      await demo.close();
      await system.close();
    },
  };
}
