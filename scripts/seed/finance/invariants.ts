/**
 * The finance rules, checked across whole tables after a seed (see ../invariants.ts): each query
 * counts the rows that break one rule. The totals an allocation keeps must equal its rows, and
 * the fund-event log must tell the same money as the tables.
 */
export const FINANCE_CHECKS: { check: string; sql: string }[] = [
  {
    check: 'allocations whose totals are not the sum of their expenses and payments',
    sql: `SELECT count(*) FROM finance.fund_allocation a
      LEFT JOIN LATERAL (SELECT
          coalesce(sum(amount_fen) FILTER (WHERE status = 'APPROVED'), 0) AS approved,
          coalesce(sum(amount_fen) FILTER (WHERE status = 'SUBMITTED'), 0) AS pending,
          coalesce(sum(amount_fen) FILTER (WHERE status = 'APPROVED' AND category = 'LECTURE_FEE'), 0) AS lecture
        FROM finance.expense e WHERE e.allocation_id = a.id) e ON true
      LEFT JOIN LATERAL (SELECT coalesce(sum(amount_fen), 0) AS paid
        FROM finance.fund_disbursement d WHERE d.allocation_id = a.id) d ON true
      WHERE a.approved_fen <> e.approved OR a.pending_fen <> e.pending
        OR a.lecture_fee_fen <> e.lecture OR a.disbursed_fen <> d.paid`,
  },
  {
    check: "allocations whose studio type is not their studio's",
    sql: `SELECT count(*) FROM finance.fund_allocation a JOIN workshop.workshop w ON w.id = a.workshop_id
      WHERE a.workshop_type IS DISTINCT FROM w.type`,
  },
  {
    check: 'allocations spent past their amount or their lecture-fee cap',
    sql: `SELECT count(*) FROM finance.fund_allocation
      WHERE approved_fen + pending_fen > amount_fen
        OR lecture_fee_fen * 100 > amount_fen * lecture_fee_cap_percent`,
  },
  {
    check: 'expenses of a revoked studio dated after its revocation, or revoked studios with active funds',
    sql: `SELECT count(*) FROM finance.fund_allocation a JOIN workshop.workshop w ON w.id = a.workshop_id
      WHERE w.status = 'REVOKED' AND (a.status <> 'FROZEN' OR EXISTS (
        SELECT 1 FROM finance.expense e JOIN workshop.workshop_status_change c
          ON c.workshop_id = w.id AND c.to_status = 'REVOKED'
        WHERE e.allocation_id = a.id AND e.submitted_at > c.changed_at))`,
  },
  {
    check: 'allocations whose money differs from what the fund-event log tells',
    sql: `SELECT count(*) FROM finance.fund_allocation a
      LEFT JOIN LATERAL (SELECT
          coalesce(sum(amount_fen) FILTER (WHERE type = 'DISBURSED'), 0) AS paid,
          coalesce(sum(amount_fen) FILTER (WHERE type = 'EXPENSE_APPROVED'), 0)
            - coalesce(sum(amount_fen) FILTER (WHERE type = 'EXPENSE_REVERSED'), 0) AS approved,
          coalesce(sum(amount_fen) FILTER (WHERE type = 'EXPENSE_SUBMITTED'), 0)
            - coalesce(sum(amount_fen) FILTER (WHERE type IN ('EXPENSE_APPROVED', 'EXPENSE_REJECTED')), 0) AS pending,
          (array_agg(amount_fen ORDER BY position DESC) FILTER (WHERE type IN ('ALLOCATED', 'ADJUSTED')))[1] AS amount,
          (array_agg(type ORDER BY position DESC) FILTER (WHERE type IN ('FUNDS_FROZEN', 'FUNDS_UNFROZEN')))[1] AS freeze
        FROM finance.fund_event ev WHERE ev.allocation_id = a.id) ev ON true
      WHERE ev.paid <> a.disbursed_fen OR ev.approved <> a.approved_fen OR ev.pending <> a.pending_fen
        OR ev.amount IS DISTINCT FROM a.amount_fen
        OR (a.status = 'FROZEN') <> (ev.freeze IS NOT DISTINCT FROM 'FUNDS_FROZEN')`,
  },
  {
    check: 'fund events without a position, or positions that are not 1, 2, 3 … with no gap',
    sql: `SELECT (SELECT count(*) FROM finance.fund_event WHERE position IS NULL)
      + abs((SELECT count(*) FROM finance.fund_event) - (SELECT coalesce(max(position), 0) FROM finance.fund_event))`,
  },
];
