import { chinaTime } from '../calendar';
import { SEED_USER, type SeedContext } from '../context';
import type { StudioPlan } from '../workshop/studios';
import { stableUuid } from '../random';
import {
  DEFAULT_LECTURE_FEE_CAP_PERCENT,
  EXPENSE_CATEGORIES,
} from '../../../services/finance/src/services/policy.service';
import { planAllocations, type AllocationPlan } from './funds';

interface EventRow {
  id: string;
  type: string;
  plan: AllocationPlan;
  expenseId: string | null;
  amountFen: bigint | null;
  at: string;
}

/**
 * The finance family: allocations for every studio-year with their payments, expenses and the
 * fund-event log that tells them, planned from the workshop family's studios. Events are loaded
 * without a position, in the order they happened, and then given the next positions in that order,
 * as the sequencer would: a later day's run appends after what is already there. Returns the
 * allocations, for the family that scores spending (assessments).
 */
export async function seedFinance(
  ctx: SeedContext,
  studios: readonly StudioPlan[],
): Promise<AllocationPlan[]> {
  const plans = studios.flatMap((studio) => planAllocations(studio, ctx.calendar.today));
  const regions = (plan: AllocationPlan) => [
    plan.studio.jurisdiction.code,
    plan.studio.host.school.county.code,
  ];
  const totals = (plan: AllocationPlan) => {
    const sum = (pick: (e: AllocationPlan['expenses'][number]) => boolean) =>
      plan.expenses.filter(pick).reduce((total, e) => total + e.amountFen, 0n);
    return {
      approved: sum((e) => e.status === 'APPROVED'),
      pending: sum((e) => e.status === 'SUBMITTED'),
      lectureFees: sum((e) => e.status === 'APPROVED' && e.category === 'LECTURE_FEE'),
    };
  };
  await ctx.load({
    table: 'finance.fund_allocation',
    columns: [
      'id',
      'workshop_id',
      'workshop_type',
      'year',
      'source_level',
      'source_region_code',
      'region_code',
      'host_region_code',
      'host_school_id',
      'document_number',
      'amount_fen',
      'disbursed_fen',
      'approved_fen',
      'pending_fen',
      'lecture_fee_fen',
      'allowed_categories',
      'lecture_fee_cap_percent',
      'status',
      'frozen_reason',
      'allocated_by',
      'created_at',
      'updated_at',
    ],
    rows: plans.map((plan) => {
      const t = totals(plan);
      return [
        plan.id,
        plan.studio.id,
        plan.studio.type,
        plan.year,
        plan.studio.level,
        plan.studio.jurisdiction.code,
        ...regions(plan),
        plan.studio.host.school.id,
        plan.documentNumber,
        plan.amountFen.toString(),
        (plan.disbursement?.amountFen ?? 0n).toString(),
        t.approved.toString(),
        t.pending.toString(),
        t.lectureFees.toString(),
        EXPENSE_CATEGORIES,
        DEFAULT_LECTURE_FEE_CAP_PERCENT,
        plan.frozen ? 'FROZEN' : 'ACTIVE',
        plan.frozen?.reason ?? null,
        SEED_USER,
        chinaTime(plan.allocatedOn, '09:00'),
        chinaTime(plan.frozen?.on ?? plan.allocatedOn, '09:00'),
      ];
    }),
  });
  await ctx.load({
    table: 'finance.fund_disbursement',
    columns: [
      'allocation_id',
      'region_code',
      'host_region_code',
      'amount_fen',
      'voucher_number',
      'paid_on',
      'recorded_by',
      'recorded_at',
    ],
    rows: plans.flatMap((plan) =>
      plan.disbursement
        ? [
            [
              plan.id,
              ...regions(plan),
              plan.disbursement.amountFen.toString(),
              plan.disbursement.voucherNumber,
              plan.disbursement.paidOn,
              SEED_USER,
              chinaTime(plan.disbursement.paidOn, '15:00'),
            ],
          ]
        : [],
    ),
    // Serial ids: a re-run must not add the same payment twice.
    where: {
      condition: `NOT EXISTS (SELECT 1 FROM finance.fund_disbursement d WHERE d.allocation_id = staged.allocation_id)`,
      reads: ['finance.fund_disbursement'],
    },
  });
  await ctx.load({
    table: 'finance.expense',
    columns: [
      'id',
      'allocation_id',
      'workshop_id',
      'region_code',
      'host_region_code',
      'category',
      'amount_fen',
      'spent_on',
      'payee',
      'voucher_number',
      'description',
      'status',
      'submitted_by',
      'submitted_at',
      'decided_by',
      'decided_at',
      'decision_reason',
      'reversed_by',
      'reversed_at',
      'reversal_reason',
    ],
    rows: plans.flatMap((plan) =>
      plan.expenses.map((e) => [
        e.id,
        plan.id,
        plan.studio.id,
        ...regions(plan),
        e.category,
        e.amountFen.toString(),
        e.spentOn,
        e.payee,
        e.voucherNumber,
        e.description,
        e.status,
        SEED_USER,
        chinaTime(e.submittedOn, '11:00'),
        e.decidedOn && SEED_USER,
        e.decidedOn && chinaTime(e.decidedOn, '16:00'),
        e.status === 'REJECTED' ? '票据不全，请补充后重新提交' : null,
        e.reversedOn && SEED_USER,
        e.reversedOn && chinaTime(e.reversedOn, '16:30'),
        e.reversedOn ? '审计发现重复报销，予以冲销' : null,
      ]),
    ),
  });
  await ctx.load({
    table: 'finance.fund_event',
    columns: [
      'id',
      'type',
      'workshop_id',
      'allocation_id',
      'expense_id',
      'region_code',
      'host_region_code',
      'amount_fen',
      'actor',
      'occurred_at',
    ],
    rows: plans
      .flatMap(eventsOf)
      .map((e) => [
        e.id,
        e.type,
        e.plan.studio.id,
        e.plan.id,
        e.expenseId,
        ...regions(e.plan),
        e.amountFen?.toString() ?? null,
        SEED_USER,
        e.at,
      ]),
    orderBy: 'staged.occurred_at, staged.id',
  });
  await sequenceSeededEvents(ctx);
  return plans;
}

/** Every change to the allocation's money, as the services would have logged it. */
function eventsOf(plan: AllocationPlan): EventRow[] {
  const event = (
    type: string,
    subject: string,
    amountFen: bigint | null,
    at: string,
    expenseId: string | null = null,
  ) => ({
    id: stableUuid(`${subject}:event:${type}`),
    type,
    plan,
    expenseId,
    amountFen,
    at,
  });
  const events: EventRow[] = [
    event('ALLOCATED', plan.id, plan.amountFen, chinaTime(plan.allocatedOn, '09:00')),
  ];
  if (plan.disbursement) {
    events.push(
      event('DISBURSED', plan.id, plan.disbursement.amountFen, chinaTime(plan.disbursement.paidOn, '15:00')),
    );
  }
  for (const e of plan.expenses) {
    events.push(event('EXPENSE_SUBMITTED', e.id, e.amountFen, chinaTime(e.submittedOn, '11:00'), e.id));
    if (e.decidedOn) {
      const type = e.status === 'REJECTED' ? 'EXPENSE_REJECTED' : 'EXPENSE_APPROVED';
      events.push(event(type, e.id, e.amountFen, chinaTime(e.decidedOn, '16:00'), e.id));
    }
    if (e.reversedOn)
      events.push(event('EXPENSE_REVERSED', e.id, e.amountFen, chinaTime(e.reversedOn, '16:30'), e.id));
  }
  if (plan.frozen) {
    const t = plan.expenses.filter((e) => e.status === 'APPROVED').reduce((sum, e) => sum + e.amountFen, 0n);
    events.push(event('FUNDS_FROZEN', plan.id, plan.amountFen - t, chinaTime(plan.frozen.on, '17:00')));
  }
  return events;
}

/** Gives the loaded events the next positions in the order they happened, as the sequencer does. */
async function sequenceSeededEvents(ctx: SeedContext): Promise<void> {
  await ctx.sql(
    'finance',
    `UPDATE finance.fund_event e SET position = s.base + s.n, sequenced_at = now()
     FROM (SELECT entry, row_number() OVER (ORDER BY occurred_at, entry) AS n,
                  (SELECT coalesce(max(position), 0) FROM finance.fund_event) AS base
           FROM finance.fund_event WHERE position IS NULL) s
     WHERE e.entry = s.entry`,
  );
}
