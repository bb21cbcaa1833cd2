import { Client } from 'pg';
import type { Logger } from '@mingshi/logger';

/** How long to wait before listening again after the connection broke. */
const RECONNECT_DELAY_MS = 1_000;

/**
 * LISTENs on PostgreSQL channels on a connection of its own (a pooled one would lose the LISTEN
 * when returned) and calls `onNotify` for each notification. A broken connection is replaced;
 * notifications sent meanwhile are lost, which is why every listener also runs on a timer.
 */
export class ChannelListener {
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channels: readonly string[],
    private readonly onNotify: (channel: string) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'finance-listener' });
    client.on('notification', (message) => this.onNotify(message.channel));
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      // Whatever was notified while no one listened is picked up now.
      for (const channel of this.channels) this.onNotify(channel);
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  private reconnect(client: Client, error?: Error): void {
    if (this.stopped || this.retry || (this.client !== null && this.client !== client)) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (error) this.logger.warn({ err: error.message }, 'fund-event listener lost its connection');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, RECONNECT_DELAY_MS);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
