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

/**
 * An assessment's final result decides a studio's status (动态管理): the workshop subgraph carries
 * it out through the studio's lifecycle rules and answers with `workshop.consequence-settled`.
 */
export interface StudioStatusDecided {
  type: 'evaluation.studio-status-decided';
  /** The evaluation consequence this carries out; the answer names it. */
  consequenceId: string;
  assessmentId: string;
  workshopId: string;
  /** REVOKE → 取消资格; RECTIFY → 整改 by the deadline; RETAIN → 续建; REORGANISE → 重组; RESTORE → 运行中 after 整改. */
  decision: 'REVOKE' | 'RECTIFY' | 'RETAIN' | 'REORGANISE' | 'RESTORE';
  /** The result in words, kept in the studio's status history (2026年度考核：不合格，52.00分). */
  reason: string;
  /** RECTIFY only: the day rectification is due (YYYY-MM-DD). */
  rectificationDeadline?: string;
  /** Who finalised the result, recorded as the change's author. */
  decidedBy: string;
}

/**
 * An assessment's final result decides a studio's money: FREEZE its remaining funds (不合格), or
 * add a REWARD to its allocation (优秀). Finance answers with `finance.consequence-settled`.
 */
export interface StudioFundsDecided {
  type: 'evaluation.studio-funds-decided';
  consequenceId: string;
  assessmentId: string;
  workshopId: string;
  decision: 'FREEZE' | 'REWARD';
  reason: string;
  /** REWARD only: the amount in fen, as a decimal string (JSON has no 64-bit integers). */
  amountFen?: string;
  /** REWARD only: the level of the office paying it, whose allocation to the studio it adds to. */
  sourceLevel?: 'PROVINCE' | 'CITY' | 'COUNTY';
  /** REWARD only: the year whose allocation it adds to (the year after the assessed period). */
  year?: number;
  decidedBy: string;
}

/** How a service that was sent a consequence carried it out; evaluation shows it on the assessment. */
interface ConsequenceSettledFacts {
  consequenceId: string;
  /** False when the service's rules refused it (e.g. the studio was already revoked). */
  applied: boolean;
  /** What was done, or why not, in the users' words. */
  detail: string;
}

export interface WorkshopConsequenceSettled extends ConsequenceSettledFacts {
  type: 'workshop.consequence-settled';
}

export interface FinanceConsequenceSettled extends ConsequenceSettledFacts {
  type: 'finance.consequence-settled';
}

export type DomainEvent =
  | CertificateIssued
  | WorkshopStatusChanged
  | StudioStatusDecided
  | StudioFundsDecided
  | WorkshopConsequenceSettled
  | FinanceConsequenceSettled;

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
  'evaluation.studio-status-decided': [QueueName.WORKSHOP_INBOX],
  'evaluation.studio-funds-decided': [QueueName.FINANCE_INBOX],
  'workshop.consequence-settled': [QueueName.EVALUATION_INBOX],
  'finance.consequence-settled': [QueueName.EVALUATION_INBOX],
};
