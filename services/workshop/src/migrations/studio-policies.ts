import { inScope } from '@mingshi/db';

/** Through the studio's own read policy: in the caller's range or founded above it. */
export const VISIBLE_WORKSHOP = `EXISTS (SELECT 1 FROM workshop.workshop w WHERE w.id = workshop_id)`;

/** A studio in the caller's own range: only such studios' records may be changed. */
export const OWN_WORKSHOP = `EXISTS (SELECT 1 FROM workshop.workshop w WHERE w.id = workshop_id AND ${inScope('w.region_code')})`;
