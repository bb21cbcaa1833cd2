import type { EventHandler, WorkshopStatusChanged } from '@mingshi/events';
import { clipText } from '@mingshi/graphql';
import { freezeStudioFunds } from '../services/allocation-freeze';
import { MAX_REASON } from '../services/allocation.service';

/** The studio statuses whose remaining funds are frozen (动态管理: 取消资格 stops the money). */
export const FREEZING_STATUSES: readonly string[] = ['REVOKED'];

/**
 * A studio was revoked: its allocations are frozen, each with a FUNDS_FROZEN event. Runs once per
 * event (the inbox), in the consumer's transaction, acting for the system.
 */
export const freezeRevokedStudioFunds: EventHandler<WorkshopStatusChanged> = async (manager, envelope) => {
  const { workshopId, to, reason } = envelope.payload;
  if (!FREEZING_STATUSES.includes(to)) return;
  // The revocation's reason may already fill the column; cut, not refused, or it would retry for ever.
  const note = clipText(`工作室已撤销（取消资格）：${reason}`, MAX_REASON);
  await freezeStudioFunds(manager, workshopId, note, 'system');
};
