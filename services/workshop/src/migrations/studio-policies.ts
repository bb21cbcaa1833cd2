import { inScope } from '@mingshi/db';

/*
 * Row-level security of the rows that belong to a studio: readable when the studio is visible (its
 * own read policy: founded in the caller's range or above it), changeable when the studio is in the
 * caller's own range.
 */

/**
 * Since 1732400000000: `workshop_id IN` an uncorrelated subquery, which PostgreSQL evaluates once
 * per statement into a hash of the visible studios.
 */
export const VISIBLE_WORKSHOP = `workshop_id IN (SELECT w.id FROM workshop.workshop w)`;
export const OWN_WORKSHOP = `workshop_id IN (SELECT w.id FROM workshop.workshop w WHERE ${inScope('w.region_code')})`;

/**
 * Until 1732400000000: a correlated EXISTS, which the planner may run once per row — seconds for a
 * province's year of activities.
 */
export const VISIBLE_WORKSHOP_BY_EXISTS = `EXISTS (SELECT 1 FROM workshop.workshop w WHERE w.id = workshop_id)`;
export const OWN_WORKSHOP_BY_EXISTS = `EXISTS (SELECT 1 FROM workshop.workshop w WHERE w.id = workshop_id AND ${inScope('w.region_code')})`;
