import type { EventHandler, WorkshopStatusChanged } from '@mingshi/events';
import { freezeStudioFunds } from '../services/allocation-freeze';

/** The studio statuses whose remaining funds are frozen (动态管理: 取消资格 stops the money). */
export const FREEZING_STATUSES: readonly string[] = ['REVOKED'];

/**
 * A studio was revoked: its allocations are frozen, each with a FUNDS_FROZEN event. Runs once per
 * event (the inbox), in the consumer's transaction, acting for the system.
 */
export const freezeRevokedStudioFunds: EventHandler<WorkshopStatusChanged> = async (manager, envelope) => {
  const { workshopId, to, reason } = envelope.payload;
  if (!FREEZING_STATUSES.includes(to)) return;
  await freezeStudioFunds(manager, workshopId, `工作室已撤销（取消资格）：${reason}`, 'system');
};
