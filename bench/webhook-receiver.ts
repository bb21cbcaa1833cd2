import { Webhook } from 'standardwebhooks';
import { WebhookReceiver } from '../test/harness/webhook-receiver';

/** One delivery the receiver accepted: signature verified, body parsed. */
export interface Arrival {
  webhookId: string;
  /** Date.now() when the whole request had arrived. */
  receivedAt: number;
  payload: FundEventPayload;
}

/** The fields of a delivered fund event the bench reads (docs/fund-events.md, "Delivery"). */
export interface FundEventPayload {
  id: string;
  position: string;
  type: string;
  expenseId: string | null;
  occurredAt: string;
}

/**
 * The finance system's side of the webhooks, on loopback in the bench process: the tests' receiver
 * (it records every request with its arrival time), answering 200 only to a request whose
 * Standard Webhooks signature verifies with the endpoint's secret, and 401 otherwise — so a bad
 * signature is both counted here and retried by the sender, as a real receiver would make it.
 */
export class VerifyingReceiver {
  readonly arrivals: Arrival[] = [];
  /** Requests refused: the signature did not verify, or the body was not an event. */
  readonly refused: { webhookId: string; reason: string }[] = [];

  private constructor(private readonly receiver: WebhookReceiver) {}

  static async start(): Promise<VerifyingReceiver> {
    return new VerifyingReceiver(await WebhookReceiver.start());
  }

  /** Where the endpoint is registered. */
  get url(): string {
    return `${this.receiver.baseUrl}/fund-events`;
  }

  /** Verifies from now on with this secret (known only once the endpoint at `url` is registered). */
  verifyWith(secret: string): void {
    const webhook = new Webhook(secret);
    this.receiver.answer = (request) => {
      const webhookId = request.headers['webhook-id'] ?? '';
      try {
        const payload = webhook.verify(request.body, request.headers) as FundEventPayload;
        this.arrivals.push({ webhookId, receivedAt: request.receivedAt, payload });
        return { status: 200 };
      } catch (error) {
        this.refused.push({ webhookId, reason: error instanceof Error ? error.message : String(error) });
        return { status: 401 };
      }
    };
  }

  stop(): Promise<void> {
    return this.receiver.stop();
  }
}
