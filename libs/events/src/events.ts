import { QueueName } from './queues';

/**
 * Domain events that cross service boundaries. A payload carries ids and facts, never another
 * service's data to copy (names and the like are read through the graph).
 */

/** 结业证书 issued: the teacher's continuing-education hours are credited in personnel. */
export interface CertificateIssued {
  type: 'workshop.certificate-issued';
  certificateId: string;
  certificateNumber: string;
  teacherId: string;
  workshopId: string;
  /** Hours to credit towards the teacher's continuing-education requirement. */
  hours: number;
  /** The year the hours count towards. */
  year: number;
}

/**
 * A studio moved along its lifecycle (e.g. ACTIVE → REVOKED). Finance freezes a revoked studio's
 * remaining funds; later consumers (evaluation) follow the same event.
 */
export interface WorkshopStatusChanged {
  type: 'workshop.status-changed';
  workshopId: string;
  from: string;
  to: string;
  reason: string;
  changedBy: string;
}

export type DomainEvent = CertificateIssued | WorkshopStatusChanged;

export type EventType = DomainEvent['type'];

/** An event as stored in an outbox and carried on a queue. */
export interface EventEnvelope<E extends DomainEvent = DomainEvent> {
  /** Unique per event; consumers use it to handle each event once. */
  id: string;
  type: E['type'];
  /** The region the event concerns, for logs and scoping. */
  regionCode: string;
  occurredAt: string;
  payload: E;
}

/** Which inbox queues receive each event type. */
export const EVENT_ROUTES: Record<EventType, QueueName[]> = {
  'workshop.certificate-issued': [QueueName.PERSONNEL_INBOX],
  'workshop.status-changed': [QueueName.FINANCE_INBOX],
};
