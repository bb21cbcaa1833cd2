import { EventEmitter } from 'node:events';
import type { QueueRedis } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';

/**
 * Wakes subscriptions waiting for news: a Redis pub/sub message on the channel, or the fallback
 * interval if none comes (a message can be lost; the tail then catches up on the next poll).
 * One subscriber connection serves every subscription of the gateway.
 */
export class WakeUps {
  private readonly emitter = new EventEmitter();

  private constructor(
    private readonly subscriber: QueueRedis | null,
    readonly fallbackMs: number,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Listens on `channel` through `subscriber` (a connection of its own: pub/sub takes it over). */
  static async listen(
    subscriber: QueueRedis | null,
    channel: string,
    fallbackMs: number,
    logger: Logger,
  ): Promise<WakeUps> {
    const wakeUps = new WakeUps(subscriber, fallbackMs);
    if (subscriber) {
      subscriber.on('message', (received: string) => {
        if (received === channel) wakeUps.emitter.emit('wake');
      });
      await subscriber.subscribe(channel).catch((error: unknown) => {
        // Without Redis the tails still poll: slower, never wrong.
        logger.warn({ err: (error as Error).message }, 'subscription wake-ups fall back to polling');
      });
    }
    return wakeUps;
  }

  /** Resolves at the next message, after the fallback interval, or when `signal` aborts. */
  next(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('wake', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.fallbackMs);
      this.emitter.once('wake', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async close(): Promise<void> {
    this.emitter.emit('wake');
    await this.subscriber?.quit().catch(() => undefined);
  }
}
