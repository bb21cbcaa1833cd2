/**
 * Redis pub/sub channels that wake readers when something they follow has changed. A message is
 * only a nudge (it may be lost, as pub/sub messages are); readers fetch what is new from the
 * source of truth, so a missed nudge costs latency, never data.
 */
export enum Notification {
  /** New fund events have positions (published by the finance sequencer). */
  FUND_EVENTS = 'fund-events',
}

/** The channel of a notification for one deployment (its queue prefix). */
export function notificationChannel(prefix: string, notification: Notification): string {
  return `${prefix}:notify:${notification}`;
}
