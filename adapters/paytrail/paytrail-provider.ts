import type {
  CreateProviderPayment, PaymentProvider, ProviderPayment, ProviderRefundAnswer, ProviderRefundReport,
  ProviderRefundRequest, ProviderReport, ProviderStatus, VerifiedRedirect,
} from '../../src/payments/payment-provider.ts';
import { ProviderError } from '../../src/payments/payment-provider.ts';
import type { ProviderFormRecord } from '../../src/storage/storage.ts';
import { callPaytrail, type PaytrailCredentials, type PaytrailAnswer } from './paytrail-http.ts';
import { verifySignature } from './paytrail-signature.ts';

export interface PaytrailOptions extends PaytrailCredentials {
  readonly customerEmail: string;
}

const STATUSES: readonly ProviderStatus[] = ['new', 'ok', 'fail', 'pending', 'delayed'];
/** Paytrail's provider groups, in the words of the payment page. */
const GROUPS: Readonly<Record<string, string>> = { bank: 'bank', creditcard: 'card', mobile: 'mobile' };

/**
 * Portti's payment provider port over the Paytrail Payment API. The same code talks to
 * services.paytrail.com and to the sandbox PSP; only the configuration differs.
 */
export function createPaytrailProvider(options: PaytrailOptions): PaymentProvider {
  return {
    name: 'paytrail',

    async createPayment(request: CreateProviderPayment): Promise<ProviderPayment> {
      const answer = await callPaytrail(options, {
        method: 'POST',
        path: '/payments',
        correlationId: request.correlationId,
        body: {
          stamp: request.stamp,
          reference: request.reference,
          amount: request.amount,
          currency: 'EUR',
          language: request.language.toUpperCase(),
          items: request.items.map((item) => ({
            unitPrice: item.unitPrice,
            units: item.units,
            vatPercentage: item.vatPercentage,
            productCode: item.productCode,
            description: item.description,
          })),
          customer: { email: options.customerEmail },
          redirectUrls: { success: request.returnUrl, cancel: request.returnUrl },
          callbackUrls: { success: request.callbackUrl, cancel: request.callbackUrl },
        },
      });
      const body = expectStatus(answer, 201, 'create payment') as { transactionId?: unknown; providers?: unknown };
      if (typeof body.transactionId !== 'string' || !Array.isArray(body.providers)) throw badResponse('create payment: no transactionId or providers');
      return { transactionId: body.transactionId, forms: body.providers.map(toForm) };
    },

    async getStatus(transactionId: string, correlationId: string): Promise<ProviderReport> {
      const answer = await callPaytrail(options, {
        method: 'GET', path: `/payments/${encodeURIComponent(transactionId)}`, transactionId, correlationId,
      });
      const body = expectStatus(answer, 200, 'payment status') as Record<string, unknown>;
      const status = body.status;
      if (typeof body.stamp !== 'string' || !Number.isInteger(body.amount) || !isStatus(status) || body.transactionId !== transactionId) {
        throw badResponse('payment status: missing or unknown fields');
      }
      return {
        transactionId, stamp: body.stamp, amount: body.amount as number, status,
        method: typeof body.provider === 'string' ? body.provider : null,
      };
    },

    async refund(request: ProviderRefundRequest): Promise<ProviderRefundAnswer> {
      const answer = await callPaytrail(options, {
        method: 'POST',
        path: `/payments/${encodeURIComponent(request.transactionId)}/refund`,
        transactionId: request.transactionId,
        correlationId: request.correlationId,
        body: {
          amount: request.amount,
          refundStamp: request.refundStamp,
          refundReference: request.refundReference,
          callbackUrls: { success: request.callbackUrl, cancel: request.callbackUrl },
        },
      });
      // 400 and 422 are Paytrail refusing this refund (e.g. the method cannot refund): a failed refund.
      if (answer.status === 400 || answer.status === 422) return { status: 'fail', refundTransactionId: null };
      const body = expectStatus(answer, 201, 'refund') as { status?: unknown; transactionId?: unknown };
      if (body.status !== 'ok' && body.status !== 'pending' && body.status !== 'fail') throw badResponse('refund: unknown status');
      return { status: body.status, refundTransactionId: typeof body.transactionId === 'string' ? body.transactionId : null };
    },

    verifyPaymentRedirect(params: URLSearchParams): VerifiedRedirect<ProviderReport> {
      const checked = verifyParams(options, params);
      if (!checked.ok) return checked;
      const { transactionId, stamp, amount, status, method } = checked.fields;
      if (!transactionId) return { ok: false, reason: 'no transaction id' };
      return { ok: true, report: { transactionId, stamp, amount, status, method } };
    },

    verifyRefundRedirect(params: URLSearchParams): VerifiedRedirect<ProviderRefundReport> {
      const checked = verifyParams(options, params);
      if (!checked.ok) return checked;
      const { transactionId, stamp, amount, status } = checked.fields;
      return { ok: true, report: { refundTransactionId: transactionId, stamp, amount, status } };
    },
  };
}

type Fields = { transactionId: string | null; stamp: string; amount: number; status: ProviderStatus; method: string | null };

/** Signature first (constant time), then the account, then the shape of every field we use. */
function verifyParams(options: PaytrailOptions, params: URLSearchParams): { ok: true; fields: Fields } | { ok: false; reason: string } {
  if (!verifySignature(options.secret, params.entries(), '', params.get('signature'))) return { ok: false, reason: 'signature missing or wrong' };
  if (params.get('checkout-account') !== options.account) return { ok: false, reason: 'another merchant account' };
  const amount = params.get('checkout-amount') ?? '';
  const status = params.get('checkout-status');
  const stamp = params.get('checkout-stamp');
  if (!/^\d{1,9}$/.test(amount) || !isStatus(status) || !stamp) return { ok: false, reason: 'missing or malformed fields' };
  return {
    ok: true,
    fields: {
      transactionId: params.get('checkout-transaction-id'),
      stamp,
      amount: Number(amount),
      status,
      method: params.get('checkout-provider'),
    },
  };
}

function isStatus(value: unknown): value is ProviderStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

function toForm(value: unknown): ProviderFormRecord {
  const provider = value as { id?: unknown; name?: unknown; group?: unknown; url?: unknown; parameters?: unknown };
  const parameters = Array.isArray(provider.parameters) ? provider.parameters as { name?: unknown; value?: unknown }[] : [];
  // The page puts `url` in a form action: only http(s) may get there, never javascript: or data:.
  if (typeof provider.id !== 'string' || typeof provider.name !== 'string' || typeof provider.url !== 'string' || !/^https?:\/\//.test(provider.url)
    || parameters.some((p) => typeof p.name !== 'string' || typeof p.value !== 'string')) {
    throw badResponse('create payment: a provider form is malformed');
  }
  return {
    id: provider.id,
    name: provider.name,
    group: GROUPS[String(provider.group)] ?? 'other',
    url: provider.url,
    parameters: parameters.map((p) => ({ name: p.name as string, value: p.value as string })),
  };
}

function expectStatus(answer: PaytrailAnswer, status: number, what: string): object {
  if (answer.status !== status || typeof answer.body !== 'object' || answer.body === null) {
    const message = (answer.body as { message?: unknown } | null)?.message;
    throw new ProviderError(answer.status >= 500 ? 'ERR_PROVIDER_UNREACHABLE' : 'ERR_PROVIDER_REFUSED',
      `Paytrail ${what} answered ${answer.status}${typeof message === 'string' ? `: ${message}` : ''}`, { httpStatus: answer.status });
  }
  return answer.body;
}

function badResponse(message: string): ProviderError {
  return new ProviderError('ERR_PROVIDER_BAD_RESPONSE', `Paytrail ${message}`);
}
