import type { EnabledCardConfig } from '../../src/config/card-schema.ts';
import type { IdentificationMethod } from '../../src/identity/identification-method.ts';
import type { Logger } from '../../src/log/logger.ts';
import { parsePemCertificates } from '../../src/x509/certificate-path.ts';
import type { CardHandoffs } from './card-handoffs.ts';
import { createCardMethod } from './card-method.ts';
import { startCardEndpoint, type RunningCardEndpoint } from './card-endpoint.ts';
import { createCrlRegistry } from './crl-registry.ts';
import { createCardCertificateVerifier } from './verify-card-certificate.ts';
import { createHttpPopulationRegister } from './http-population-register.ts';

export interface CardIdentificationOptions {
  readonly card: EnabledCardConfig;
  /** The broker's return URL for the card method. */
  readonly returnUrl: string;
  readonly handoffs: CardHandoffs;
  readonly logger: Logger;
}

export interface CardIdentification {
  readonly method: IdentificationMethod;
  /** Starts the CRL downloads and the card endpoint. */
  start(): Promise<void>;
  /** Resolves once every configured CRL has been tried (logins before then fail closed). */
  revocationReady(): Promise<void>;
  /** The card endpoint's port, once started. */
  endpointPort(): number | undefined;
  close(): Promise<void>;
}

/** The card method's parts, wired from its configuration: the only module that knows them all. */
export function createCardIdentification(options: CardIdentificationOptions): CardIdentification {
  const { card, logger } = options;
  const anchors = parsePemCertificates(card.trustAnchors);
  const issuingCas = parsePemCertificates(card.issuingCas);
  const crlLogger = logger.child({ component: 'card-crl' });
  const registry = createCrlRegistry({
    ...card.crl,
    issuers: [...anchors, ...issuingCas],
    log: (level, message, fields) => crlLogger[level](message, fields),
  });
  const method = createCardMethod({
    card,
    handoffs: options.handoffs,
    verifier: createCardCertificateVerifier({ anchors, issuingCas, revocation: registry }),
    register: createHttpPopulationRegister(card.populationRegister),
    logger,
  });
  let endpoint: RunningCardEndpoint | undefined;

  return {
    method,
    async start() {
      registry.start();
      endpoint = await startCardEndpoint({
        endpoint: card.endpoint,
        acceptedCas: [...card.trustAnchors, ...card.issuingCas],
        returnUrl: options.returnUrl,
        handoffs: options.handoffs,
        logger: logger.child({ component: 'card-endpoint' }),
      });
      logger.info('card endpoint listening', { publicUrl: card.publicUrl, mode: card.endpoint.mode, port: endpoint.port });
    },
    revocationReady: () => registry.ready(),
    endpointPort: () => endpoint?.port,
    async close() {
      await endpoint?.close();
      await registry.close();
    },
  };
}
