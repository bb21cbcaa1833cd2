import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
  /** What the receiver answered. */
  status: number;
}

/** What the receiver answers: a status, and headers such as Retry-After. */
export interface ReceiverAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A finance system's webhook receiver on 127.0.0.1: it records every request and answers as the
 * test's `answer` says (per path, so one receiver serves several endpoints).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook, earlier: ReceivedWebhook[]) => ReceiverAnswer = () => ({ status: 200 });

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: ReceivedWebhook = {
          path: req.url ?? '/',
          headers: flatten(req.headers),
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
          status: 0,
        };
        const earlier = receiver!.received.filter(
          (r) => r.path === request.path && r.headers['webhook-id'] === request.headers['webhook-id'],
        );
        receiver!.received.push(request);
        const answer = receiver!.answer(request, earlier);
        request.status = answer.status;
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
    return receiver;
  }

  /** Requests to one path. */
  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** The events a path accepted (answered 2xx), each once: deduplicated on webhook-id, in arrival order. */
  accepted(path: string): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.at(path).filter((r) => {
      const id = r.headers['webhook-id']!;
      if (r.status < 200 || r.status >= 300 || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
}
