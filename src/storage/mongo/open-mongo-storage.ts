import mongoose from 'mongoose';
import type { Storage } from '../storage.ts';
import { createMongoAuditStore } from './mongo-audit-store.ts';
import { createMongoKeyStore } from './mongo-key-store.ts';
import { createMongoOidcStore } from './mongo-oidc-store.ts';
import { createMongoSecretStore } from './mongo-secret-store.ts';
import { createMongoPaymentStore } from './mongo-payment-store.ts';
import { createMongoWebhookOutbox } from './mongo-webhook-outbox.ts';

/**
 * Connects to MongoDB and makes sure every index exists before returning: the unique
 * indexes are what keep concurrent workers correct, so they cannot be built lazily.
 */
export async function openMongoStorage(uri: string): Promise<Storage> {
  // A dedicated connection so nothing else in the process shares mongoose's global one.
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    const [oidc, keys, secrets, audit] = await Promise.all([
      createMongoOidcStore(connection),
      createMongoKeyStore(connection),
      createMongoSecretStore(connection),
      createMongoAuditStore(connection),
    ]);
    const webhooks = await createMongoWebhookOutbox(connection);
    const payments = await createMongoPaymentStore(connection, audit, webhooks);
    return {
      oidc,
      keys,
      secrets,
      audit,
      payments,
      webhooks,
      async close() {
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
