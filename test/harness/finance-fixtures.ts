import { Role } from '@mingshi/auth';
import type { GraphCaller, TestSystem, TokenRequest } from './system';
import type { Studio } from './workshop-fixtures';

let sequence = 0;

/** Fields of an allocation the finance tests read back. */
export const ALLOCATION_FIELDS = `id year sourceLevel sourceRegion { code } documentNumber hostSchool { id }
  amount disbursed approved pending lectureFees balance allowedCategories lectureFeeCapPercent lectureFeeCap
  status frozenReason workshop { id }`;

export const ALLOCATE = `mutation ($input: AllocateFundsInput!) { allocateFunds(input: $input) { ${ALLOCATION_FIELDS} } }`;
export const ADJUST = `mutation ($input: AdjustAllocationInput!) { adjustAllocation(input: $input) { ${ALLOCATION_FIELDS} adjustments { previousAmount newAmount reason adjustedBy } } }`;
export const DISBURSE = `mutation ($input: DisburseFundsInput!) { disburseFunds(input: $input) { ${ALLOCATION_FIELDS} disbursements { amount voucherNumber paidOn } } }`;
export const FREEZE = `mutation ($input: FreezeFundsInput!) { freezeFunds(input: $input) { ${ALLOCATION_FIELDS} } }`;
export const UNFREEZE = `mutation ($input: FreezeFundsInput!) { unfreezeFunds(input: $input) { ${ALLOCATION_FIELDS} } }`;
export const READ_ALLOCATION = `query ($id: ID!) { fundAllocation(id: $id) { ${ALLOCATION_FIELDS} } }`;

export const EXPENSE_FIELDS = `id category amount spentOn payee voucherNumber description status submittedBy
  decidedBy decisionReason reversedBy reversalReason allocation { id approved pending lectureFees } workshop { id }`;
export const SUBMIT = `mutation ($input: SubmitExpenseInput!) { submitExpense(input: $input) { ${EXPENSE_FIELDS} } }`;
export const DECIDE = `mutation ($input: DecideExpenseInput!) { decideExpense(input: $input) { ${EXPENSE_FIELDS} } }`;
export const REVERSE = `mutation ($input: ReverseExpenseInput!) { reverseExpense(input: $input) { ${EXPENSE_FIELDS} } }`;
export const READ_EXPENSE = `query ($id: ID!) { expense(id: $id) { ${EXPENSE_FIELDS} } }`;

/** This year, as the tests date expenses and allocations. */
export const THIS_YEAR = new Date().getFullYear();

/** The host school's finance: its administrator. */
export function schoolAdminOf(studio: Studio, countyCode = '510403'): TokenRequest {
  return {
    role: Role.SCHOOL_ADMIN,
    region: countyCode,
    schoolId: studio.school.id,
    userId: `finance-${studio.school.id}`,
  };
}

/** Allocates through the graph as the office of the studio's level; answers the allocation. */
export async function allocated(
  system: GraphCaller,
  studio: Studio,
  amount: string,
  options: { year?: number; caller?: TokenRequest } = {},
): Promise<Record<string, any>> {
  const r = await system.gql(options.caller ?? studio.office, ALLOCATE, {
    input: {
      workshopId: studio.id,
      year: options.year ?? THIS_YEAR,
      amount,
      documentNumber: `川教〔${THIS_YEAR}〕${++sequence}号`,
    },
  });
  if (!r.data?.allocateFunds) throw new Error(`allocateFunds failed: ${JSON.stringify(r.errors)}`);
  return r.data.allocateFunds;
}

/** Pays an allocation to the host school through the graph, as the office of the studio's level. */
export async function disbursed(
  system: GraphCaller,
  studio: Studio,
  allocationId: string,
  amount: string,
  payment: { voucherNumber: string; paidOn: string },
): Promise<void> {
  const r = await system.gql(studio.office, DISBURSE, { input: { allocationId, amount, ...payment } });
  if (!r.data?.disburseFunds) throw new Error(`disburseFunds failed: ${JSON.stringify(r.errors)}`);
}

/** An expense input, with a fresh voucher unless told. */
export function expenseInput(allocationId: string, amount: string, fields: Record<string, unknown> = {}) {
  return {
    allocationId,
    category: 'RESEARCH_ACTIVITY',
    amount,
    spentOn: `${THIS_YEAR}-01-02`,
    payee: '张老师',
    voucherNumber: `PZ-${++sequence}`,
    description: '主题教研活动场地与资料',
    ...fields,
  };
}

/** Submits through the graph as the studio's host; answers the expense. */
export async function submitted(
  system: GraphCaller,
  studio: Studio,
  allocationId: string,
  amount: string,
  fields: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const r = await system.gql(studio.hostCaller, SUBMIT, {
    input: expenseInput(allocationId, amount, fields),
  });
  if (!r.data?.submitExpense) throw new Error(`submitExpense failed: ${JSON.stringify(r.errors)}`);
  return r.data.submitExpense;
}

/** Approves through the graph as the office of the studio's level; answers the expense. */
export async function approved(
  system: GraphCaller,
  studio: Studio,
  expenseId: string,
): Promise<Record<string, any>> {
  const r = await system.gql(studio.office, DECIDE, { input: { expenseId, decision: 'APPROVE' } });
  if (!r.data?.decideExpense) throw new Error(`decideExpense failed: ${JSON.stringify(r.errors)}`);
  return r.data.decideExpense;
}

/** Events appended for an allocation, read from the table as the finance system would be sent them. */
export async function eventTypesOf(
  system: TestSystem,
  allocationId: string,
): Promise<{ type: string; amount: string | null }[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: system.database.superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT type, amount_fen::text AS amount FROM finance.fund_event WHERE allocation_id = $1 ORDER BY entry`,
      [allocationId],
    );
    return rows;
  } finally {
    await client.end();
  }
}
