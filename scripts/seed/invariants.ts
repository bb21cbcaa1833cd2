import type { Client } from 'pg';
import { NATIONWIDE } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';
import type { WorkshopLevel, WorkshopStatus } from '../../services/workshop/src/generated/resolvers-types';
import {
  DEFAULT_HOST_MINIMUM_TITLES,
  parseMinimumTitle,
  qualifiesAsHost,
  type HeldTitle,
} from '../../services/workshop/src/rules/host-eligibility';
import { DEFAULT_MEMBERSHIP_LIMITS } from '../../services/workshop/src/rules/membership-limits';
import { transitionProblem } from '../../services/workshop/src/rules/workshop-lifecycle';
import { EVALUATION_CHECKS, evaluationRuleChecks } from './evaluation/invariants';
import { FINANCE_CHECKS } from './finance/invariants';
import { PARTICIPANTS } from './workshop/activities';

/**
 * What generated data must look like for the services to have written it: the rules the
 * services enforce on every mutation, checked across whole tables after a seed. Each check counts
 * the rows that break one rule; all zero means the data could have come through the API.
 * `npm run seed -- --check` runs them; so does the demo-data test.
 */
export interface InvariantResult {
  check: string;
  violations: number;
}

const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const day = (timestamp: string) => `(${timestamp} AT TIME ZONE 'Asia/Shanghai')::date`;
/** The code prefix of a studio's jurisdiction: 52 for a province, 5203 for a city, 520302 for a county. */
const JURISDICTION = `(SELECT w.id, CASE WHEN w.region_code LIKE '__0000' THEN left(w.region_code, 2)
  WHEN w.region_code LIKE '____00' THEN left(w.region_code, 4) ELSE w.region_code END AS prefix
  FROM workshop.workshop w)`;

interface SqlCheck {
  check: string;
  /** Counts the violations: one row, one column. */
  sql: string;
  params?: unknown[];
}

const SQL_CHECKS: SqlCheck[] = [
  {
    check: 'open studios without exactly one open host',
    sql: `SELECT count(*) FROM workshop.workshop w WHERE w.status NOT IN ('REVOKED', 'DISSOLVED')
      AND (SELECT count(*) FROM workshop.membership m
           WHERE m.workshop_id = w.id AND m.role = 'HOST' AND m.left_on IS NULL) <> 1`,
  },
  {
    check: 'hosts from outside the jurisdiction, or a host school not theirs',
    sql: `SELECT count(*) FROM workshop.workshop w JOIN ${JURISDICTION} j ON j.id = w.id
      JOIN workshop.membership m ON m.workshop_id = w.id AND m.role = 'HOST'
      JOIN personnel.teacher t ON t.id = m.teacher_id
      WHERE t.region_code NOT LIKE j.prefix || '%' OR t.school_id <> w.host_school_id`,
  },
  {
    check: 'studios whose subject or stage is not their host’s',
    sql: `SELECT count(*) FROM workshop.workshop w
      JOIN workshop.membership m ON m.workshop_id = w.id AND m.role = 'HOST'
      JOIN personnel.teacher t ON t.id = m.teacher_id WHERE t.subject <> w.subject OR t.stage <> w.stage`,
  },
  {
    check: 'revoked studios with open places or live applications',
    sql: `SELECT count(*) FROM workshop.workshop w WHERE w.status = 'REVOKED' AND (
      EXISTS (SELECT 1 FROM workshop.membership m WHERE m.workshop_id = w.id AND m.left_on IS NULL)
      OR EXISTS (SELECT 1 FROM workshop.trainee_application a
                 WHERE a.workshop_id = w.id AND a.status IN ('PENDING', 'ACCEPTED')))`,
  },
  {
    check: 'a rectification deadline on a studio not rectifying, or none on one that is',
    sql: `SELECT count(*) FROM workshop.workshop WHERE (status = 'RECTIFYING') <> (rectification_deadline IS NOT NULL)`,
  },
  {
    check: 'active or rectifying studios whose cycle has ended',
    sql: `SELECT count(*) FROM workshop.workshop
      WHERE status IN ('ACTIVE', 'RECTIFYING') AND make_date(cycle_start_year + 2, 12, 31) < ${TODAY}`,
  },
  {
    check: 'status histories not chained from 成立 (PROPOSED) to the current status',
    sql: `SELECT count(*) FROM workshop.workshop w WHERE
      (SELECT to_status FROM workshop.workshop_status_change c WHERE c.workshop_id = w.id ORDER BY id DESC LIMIT 1)
        IS DISTINCT FROM w.status
      OR (SELECT from_status IS NULL AND to_status = 'PROPOSED' FROM workshop.workshop_status_change c
          WHERE c.workshop_id = w.id ORDER BY id LIMIT 1) IS NOT TRUE
      OR EXISTS (SELECT 1 FROM (
           SELECT from_status, lag(to_status) OVER (ORDER BY id) AS previous,
                  changed_at, lag(changed_at) OVER (ORDER BY id) AS previous_at
           FROM workshop.workshop_status_change c WHERE c.workshop_id = w.id) x
         WHERE previous IS NOT NULL AND (from_status IS DISTINCT FROM previous OR changed_at <= previous_at))`,
  },
  {
    check: 'studios over their membership limits',
    sql: `SELECT count(*) FROM (SELECT workshop_id FROM workshop.membership WHERE left_on IS NULL GROUP BY 1
      HAVING count(*) FILTER (WHERE role = 'MEMBER') > $1 OR count(*) FILTER (WHERE role = 'TRAINEE') > $2) x`,
    params: [DEFAULT_MEMBERSHIP_LIMITS.MEMBER, DEFAULT_MEMBERSHIP_LIMITS.TRAINEE],
  },
  {
    check: 'places held by teachers outside the jurisdiction, or left before joined',
    sql: `SELECT count(*) FROM workshop.membership m JOIN ${JURISDICTION} j ON j.id = m.workshop_id
      JOIN personnel.teacher t ON t.id = m.teacher_id
      WHERE t.region_code NOT LIKE j.prefix || '%' OR m.left_on < m.joined_on`,
  },
  {
    check: 'confirmed applications not linked to the trainee place they started',
    sql: `SELECT count(*) FROM workshop.trainee_application a LEFT JOIN workshop.membership m ON m.id = a.membership_id
      WHERE (a.status = 'CONFIRMED') <> (a.membership_id IS NOT NULL)
        OR (a.status = 'CONFIRMED' AND (m.role <> 'TRAINEE' OR m.teacher_id <> a.teacher_id
            OR m.workshop_id <> a.workshop_id OR m.joined_on <> ${day('a.decided_at')}))`,
  },
  {
    check: 'applications with steps out of order or ratings that do not fit their status',
    sql: `SELECT count(*) FROM workshop.trainee_application a
      WHERE a.responded_at < a.created_at OR a.decided_at < coalesce(a.responded_at, a.created_at)
        OR (a.status = 'DECLINED' AND (a.host_rating IS NOT NULL OR a.responded_at IS NULL))
        OR (a.status IN ('ACCEPTED', 'CONFIRMED') AND a.host_rating IS NULL)
        OR (a.status = 'PENDING' AND a.responded_at IS NOT NULL)
        OR (a.status IN ('CONFIRMED', 'REJECTED')) <> (a.decided_at IS NOT NULL)`,
  },
  {
    check: 'live applications from teachers who already hold a place in the studio',
    sql: `SELECT count(*) FROM workshop.trainee_application a
      JOIN workshop.membership m ON m.workshop_id = a.workshop_id AND m.teacher_id = a.teacher_id AND m.left_on IS NULL
      WHERE a.status IN ('PENDING', 'ACCEPTED')`,
  },
  {
    check: 'outreach not to a rural or weak school of the jurisdiction, or a target on other activities',
    sql: `SELECT count(*) FROM workshop.activity a JOIN ${JURISDICTION} j ON j.id = a.workshop_id
      LEFT JOIN personnel.school s ON s.id = a.target_school_id
      WHERE (a.type = 'OUTREACH') <> (a.target_school_id IS NOT NULL)
        OR (a.type = 'OUTREACH' AND (s.id IS NULL OR NOT (s.rural OR s.weak) OR s.region_code NOT LIKE j.prefix || '%'))`,
  },
  {
    check: 'activities in the future, before the studio was active, after its revocation or its cycle',
    sql: `SELECT count(*) FROM workshop.activity a JOIN workshop.workshop w ON w.id = a.workshop_id
      WHERE a.date > ${TODAY} OR a.date > make_date(w.cycle_start_year + 2, 12, 31)
        OR a.date < (SELECT min(${day('changed_at')}) FROM workshop.workshop_status_change c
                     WHERE c.workshop_id = w.id AND c.to_status = 'ACTIVE')
        OR a.date >= coalesce((SELECT ${day('changed_at')} FROM workshop.workshop_status_change c
                               WHERE c.workshop_id = w.id AND c.to_status = 'REVOKED'), 'infinity')`,
  },
  {
    check: 'activity hours not 1–8 in half hours, or resources that are not web links',
    sql: `SELECT count(*) FROM workshop.activity a
      WHERE a.hours_credited NOT BETWEEN 1 AND 8 OR a.hours_credited * 2 <> trunc(a.hours_credited * 2)
        OR EXISTS (SELECT 1 FROM jsonb_array_elements(a.resources) r WHERE r->>'url' !~ '^https?://[^/]+/')`,
  },
  {
    check: 'activity participants from outside the jurisdiction',
    sql: `SELECT count(*) FROM workshop.activity_participant p JOIN workshop.activity a ON a.id = p.activity_id
      JOIN ${JURISDICTION} j ON j.id = a.workshop_id JOIN personnel.teacher t ON t.id = p.teacher_id
      WHERE t.region_code NOT LIKE j.prefix || '%'`,
  },
  {
    check: 'activities with too few or too many participants',
    sql: `SELECT count(*) FROM (SELECT a.id, count(p.*) AS n FROM workshop.activity a
      LEFT JOIN workshop.activity_participant p ON p.activity_id = a.id GROUP BY 1) x WHERE n NOT BETWEEN $1 AND $2`,
    params: [PARTICIPANTS.min, PARTICIPANTS.max],
  },
  {
    check: 'activities whose participant count is not the number of their participants',
    sql: `SELECT count(*) FROM (SELECT a.id, a.participant_count, count(p.*) AS n FROM workshop.activity a
      LEFT JOIN workshop.activity_participant p ON p.activity_id = a.id GROUP BY 1, 2) x WHERE n <> participant_count`,
  },
  {
    check: 'research projects with dates that do not fit their status, or led from outside the team',
    sql: `SELECT count(*) FROM workshop.research_project r
      WHERE (r.status = 'DECLARED' AND r.started_on IS NOT NULL)
        OR (r.status IN ('IN_PROGRESS', 'CONCLUDED') AND r.started_on IS NULL)
        OR (r.status = 'CONCLUDED' AND r.concluded_on IS NULL)
        OR (r.status NOT IN ('CONCLUDED', 'TERMINATED') AND r.concluded_on IS NOT NULL)
        OR r.concluded_on < r.started_on OR r.started_on > ${TODAY} OR r.concluded_on > ${TODAY}
        OR NOT EXISTS (SELECT 1 FROM workshop.membership m
          WHERE m.workshop_id = r.workshop_id AND m.teacher_id = r.leader_id AND m.role IN ('HOST', 'MEMBER')
            AND m.joined_on <= ${day('r.created_at')} AND (m.left_on IS NULL OR m.left_on > ${day('r.created_at')}))`,
  },
  {
    check: 'outcomes in the future, or by authors not in the team that day',
    sql: `SELECT count(*) FROM workshop.outcome o JOIN workshop.outcome_author oa ON oa.outcome_id = o.id
      WHERE o.achieved_on > ${TODAY} OR NOT EXISTS (SELECT 1 FROM workshop.membership m
        WHERE m.workshop_id = o.workshop_id AND m.teacher_id = oa.teacher_id
          AND m.joined_on <= o.achieved_on AND (m.left_on IS NULL OR m.left_on > o.achieved_on))`,
  },
  {
    check: 'support agreements not with a rural or weak school of the jurisdiction, or over three years',
    sql: `SELECT count(*) FROM workshop.support_agreement g JOIN ${JURISDICTION} j ON j.id = g.workshop_id
      JOIN personnel.school s ON s.id = g.school_id
      WHERE NOT (s.rural OR s.weak) OR s.region_code NOT LIKE j.prefix || '%'
        OR g.ends_on >= g.starts_on + interval '3 years' OR g.visits_per_term NOT BETWEEN 1 AND 20`,
  },
  {
    check: 'certificates not to a trainee who stayed to the end of the cycle, or issued while not CONCLUDED',
    sql: `SELECT count(*) FROM workshop.certificate ce
      WHERE NOT EXISTS (SELECT 1 FROM workshop.membership m
          WHERE m.workshop_id = ce.workshop_id AND m.teacher_id = ce.teacher_id AND m.role = 'TRAINEE'
            AND (m.left_on IS NULL OR extract(year FROM m.left_on) >= ce.cycle_start_year + 2))
        OR (SELECT c.to_status FROM workshop.workshop_status_change c
            WHERE c.workshop_id = ce.workshop_id AND ${day('c.changed_at')} <= ce.issued_on
            ORDER BY c.id DESC LIMIT 1) IS DISTINCT FROM 'CONCLUDED'`,
  },
  {
    check: 'certificate numbers not <region>-<cycle>-<sequence> of their studio, or repeated',
    sql: `SELECT (SELECT count(*) FROM workshop.certificate ce JOIN workshop.workshop w ON w.id = ce.workshop_id
                  WHERE ce.number !~ ('^' || w.region_code || '-' || ce.cycle_start_year || '-[0-9]{4}$'))
           + (SELECT count(*) - count(DISTINCT number) FROM workshop.certificate)`,
  },
  {
    check: 'number counters that do not hold the last number issued',
    sql: `SELECT count(*) FROM (
        SELECT w.region_code, ce.cycle_start_year, count(*) AS n, max(split_part(ce.number, '-', 3)::int) AS last
        FROM workshop.certificate ce JOIN workshop.workshop w ON w.id = ce.workshop_id GROUP BY 1, 2) x
      FULL JOIN workshop.certificate_counter k ON k.region_code = x.region_code AND k.year = x.cycle_start_year
      WHERE k.last_number IS DISTINCT FROM x.n OR x.n IS DISTINCT FROM x.last`,
  },
  {
    check: 'certificates without exactly one training record crediting their hours',
    sql: `SELECT count(*) FROM workshop.certificate ce WHERE (SELECT count(*) FROM personnel.training_record r
      WHERE r.source_ref = 'certificate:' || ce.id AND r.source = 'STUDIO_CERTIFICATE'
        AND r.teacher_id = ce.teacher_id AND r.hours = ce.hours AND r.year = ce.year) <> 1`,
  },
  {
    check: 'certificate training records without their certificate',
    sql: `SELECT count(*) FROM personnel.training_record r WHERE r.source = 'STUDIO_CERTIFICATE'
      AND NOT EXISTS (SELECT 1 FROM workshop.certificate ce WHERE 'certificate:' || ce.id = r.source_ref)`,
  },
  {
    // The seed fills the roll-up in one statement after a bulk load, not through its trigger.
    check: 'training years that are not their teacher’s records of the year, summed, in their region',
    sql: `SELECT count(*) FROM (SELECT teacher_id, year, sum(hours) AS hours, count(*) AS records
                                  FROM personnel.training_record GROUP BY teacher_id, year) r
      FULL JOIN personnel.training_year y USING (teacher_id, year)
      LEFT JOIN personnel.teacher t ON t.id = teacher_id
      WHERE coalesce(y.hours, 0) <> coalesce(r.hours, 0) OR coalesce(y.records, 0) <> coalesce(r.records, 0)
         OR y.region_code IS DISTINCT FROM t.region_code`,
  },
  {
    // The seed fills this roll-up after a bulk load too (workshop.rebuild_participation_years).
    check: 'studio years whose teachers and months are not their participations, counted',
    sql: `SELECT count(*) FROM (
             SELECT extract(year FROM activity_date)::smallint AS year, workshop_id, teacher_id,
                    bit_or(1 << (extract(month FROM activity_date)::int - 1)) AS months
               FROM workshop.activity_participant GROUP BY 1, 2, 3) p
      FULL JOIN workshop.participation_year y USING (year, workshop_id, teacher_id)
      WHERE y.months IS DISTINCT FROM p.months`,
  },
  {
    // Kept by triggers on the teacher table; every 1- and 2-character piece of each name, once.
    check: 'teachers whose name index is not every piece of their name, with their current details',
    sql: `SELECT count(*) FROM (
             SELECT g.gram, t.name, t.id AS teacher_id, t.region_code, t.subject, t.stage, t.rank
               FROM personnel.teacher t, personnel.name_grams(t.name) AS g (gram)) expected
      FULL JOIN personnel.teacher_name_gram indexed USING (gram, name, teacher_id, region_code, subject, stage, rank)
      WHERE expected.teacher_id IS NULL OR indexed.teacher_id IS NULL`,
  },
  {
    check: 'places, applications, status changes or certificates dated in the future',
    sql: `SELECT (SELECT count(*) FROM workshop.membership WHERE joined_on > ${TODAY} OR left_on > ${TODAY})
      + (SELECT count(*) FROM workshop.trainee_application WHERE ${day('created_at')} > ${TODAY})
      + (SELECT count(*) FROM workshop.workshop_status_change WHERE ${day('changed_at')} > ${TODAY})
      + (SELECT count(*) FROM workshop.certificate WHERE issued_on > ${TODAY})`,
  },
  {
    check: 'expenses, payments or fund events dated in the future',
    sql: `SELECT (SELECT count(*) FROM finance.expense WHERE spent_on > ${TODAY} OR ${day('submitted_at')} > ${TODAY})
      + (SELECT count(*) FROM finance.fund_disbursement WHERE paid_on > ${TODAY})
      + (SELECT count(*) FROM finance.fund_event WHERE ${day('occurred_at')} > ${TODAY})`,
  },
  ...FINANCE_CHECKS,
  ...EVALUATION_CHECKS,
];

/** Runs every check, reading all regions (as the owner role, which row-level security binds too). */
export async function checkSeedInvariants(client: Client): Promise<InvariantResult[]> {
  await client.query('BEGIN READ ONLY');
  try {
    await applyScope(client, NATIONWIDE);
    const results: InvariantResult[] = [];
    for (const { check, sql, params } of SQL_CHECKS) {
      const { rows } = await client.query<[string]>({ text: sql, values: params, rowMode: 'array' });
      results.push({ check, violations: Number(rows[0]![0]) });
    }
    results.push(
      await unqualifiedHosts(client),
      await illegalTransitions(client),
      ...(await evaluationRuleChecks(client)),
    );
    return results;
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Hosts who held no qualifying title, by the service's own rule, before the year their studio was founded. */
async function unqualifiedHosts(client: Client): Promise<InvariantResult> {
  const { rows } = await client.query<{ level: WorkshopLevel; titles: HeldTitle[] }>(
    `SELECT w.level, coalesce(json_agg(json_build_object('kind', t.kind, 'level', t.level))
                                FILTER (WHERE t.id IS NOT NULL), '[]') AS titles
     FROM workshop.workshop w
     JOIN workshop.membership m ON m.workshop_id = w.id AND m.role = 'HOST' AND m.left_on IS NULL
     JOIN (SELECT workshop_id, min(${day('changed_at')}) AS founded_on
           FROM workshop.workshop_status_change GROUP BY 1) f ON f.workshop_id = w.id
     LEFT JOIN personnel.talent_title t ON t.teacher_id = m.teacher_id AND t.year < extract(year FROM f.founded_on)
     GROUP BY w.id, w.level`,
  );
  const violations = rows.filter(
    ({ level, titles }) => !qualifiesAsHost(titles, parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES[level])),
  ).length;
  return { check: 'hosts without a qualifying talent title when their studio was founded', violations };
}

/** Status changes the service's lifecycle would have refused. */
async function illegalTransitions(client: Client): Promise<InvariantResult> {
  const { rows } = await client.query<{ from: WorkshopStatus; to: WorkshopStatus; n: string }>(
    `SELECT from_status AS from, to_status AS to, count(*) AS n FROM workshop.workshop_status_change
     WHERE from_status IS NOT NULL GROUP BY 1, 2`,
  );
  const violations = rows
    .filter(({ from, to }) => transitionProblem(from, to) !== null)
    .reduce((sum, { n }) => sum + Number(n), 0);
  return { check: 'status changes the lifecycle does not allow', violations };
}
