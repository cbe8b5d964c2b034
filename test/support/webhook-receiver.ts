import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly json: { id: string; type: string; sequence: number; payment_id: string; data: { payment: Record<string, unknown>; refund?: Record<string, unknown> } };
  readonly answeredWith: number;
}

/**
 * An e-service's webhook endpoint for tests: records every delivery and answers with the
 * status `answer` chooses (500 to make Portti retry), or holds the request open for `hold`.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (attempt: number) => number = () => 204;
  /** While set, requests are held unanswered until `release()`. */
  holding = false;
  #held: (() => void)[] = [];
  #server: http.Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const reply = () => {
          const status = this.answer(this.received.length + 1);
          this.received.push({ headers: req.headers, body, json: JSON.parse(body), answeredWith: status });
          res.statusCode = status;
          res.end();
        };
        if (this.holding) this.#held.push(reply);
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Forgets held requests without answering them (their sender is gone). */
  dropHeld(): void {
    this.holding = false;
    this.#held.splice(0);
  }

  get heldCount(): number {
    return this.#held.length;
  }

  release(): void {
    this.holding = false;
    for (const reply of this.#held.splice(0)) reply();
  }

  /** Waits until `count` deliveries have been answered. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${this.received.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received;
  }

  async close(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => {
      this.#server?.close(() => resolve());
      this.#server?.closeAllConnections();
    });
  }
}
