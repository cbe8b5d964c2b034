import type { Config } from './config/schema.ts';
import type { PaymentProvider } from './payments/payment-provider.ts';
import { createPaytrailProvider } from '../adapters/paytrail/paytrail-provider.ts';

/** The one place where `src` meets the payment provider adapter: config decides where it points. */
export function createPaymentProvider(config: Readonly<Config>): PaymentProvider {
  return createPaytrailProvider({ ...config.payments.paytrail });
}
