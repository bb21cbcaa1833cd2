import type { ExpenseCategory } from '../../../services/finance/src/generated/resolvers-types';
import { addDays, dayBetween, earlier, isoDate } from '../calendar';
import { Random, stableUuid } from '../random';
import type { StudioPlan } from '../workshop/studios';

/**
 * A studio's money as the seed tells it: one allocation a year from the office of its level while
 * the studio worked, paid to the host school in spring, and expenses over the year, nearly all
 * decided. Every plan keeps the rules the finance service enforces (approved ≤ amount, lecture
 * fees ≤ the default 50 % cap, nothing spent after a revocation), so the data could have come
 * through the API. Expenses are planned for the whole year from the allocation's key and only those
 * dated by `asOf` are kept, so a later day adds expenses without changing earlier ones.
 */

/** Yearly amounts in yuan by level: counties give a few thousand, provinces far more. */
const YEARLY_YUAN: Record<StudioPlan['level'], { min: number; max: number; step: number }> = {
  COUNTY: { min: 3000, max: 10000, step: 1000 },
  CITY: { min: 10000, max: 30000, step: 5000 },
  PROVINCE: { min: 50000, max: 100000, step: 10000 },
};

/** Jurisdictions whose documents name one amount: 西区 gives each district studio 3,000 元 a year. */
const FIXED_YEARLY_YUAN: Readonly<Record<string, { min: number; max: number; step: number }>> = {
  '510403': { min: 3000, max: 3000, step: 1000 },
};

const CATEGORY_WEIGHTS: Record<ExpenseCategory, number> = {
  RESEARCH_ACTIVITY: 26,
  TRAINING_TRAVEL: 20,
  OUTREACH: 16,
  EXPERT_LECTURE: 12,
  LECTURE_FEE: 14,
  EQUIPMENT_MATERIALS: 9,
  OTHER: 3,
};

const PAYEES: Record<ExpenseCategory, readonly string[]> = {
  RESEARCH_ACTIVITY: ['本校教研组', '区教师发展中心', '会议服务公司'],
  TRAINING_TRAVEL: ['铁路客运', '培训承办单位', '市内交通'],
  OUTREACH: ['送教学校', '交通服务公司'],
  EXPERT_LECTURE: ['特邀专家', '省教科院专家'],
  LECTURE_FEE: ['工作室主持人', '工作室成员'],
  EQUIPMENT_MATERIALS: ['新华书店', '办公用品公司', '电教器材公司'],
  OTHER: ['印刷厂', '邮政速递'],
};

export interface ExpensePlan {
  id: string;
  category: ExpenseCategory;
  amountFen: bigint;
  spentOn: string;
  payee: string;
  voucherNumber: string;
  description: string;
  status: 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'REVERSED';
  submittedOn: string;
  /** Decided (approved or rejected) this day; null while SUBMITTED. */
  decidedOn: string | null;
  reversedOn: string | null;
}

export interface AllocationPlan {
  id: string;
  studio: StudioPlan;
  year: number;
  amountFen: bigint;
  documentNumber: string;
  allocatedOn: string;
  disbursement: { amountFen: bigint; voucherNumber: string; paidOn: string } | null;
  expenses: ExpensePlan[];
  /** Frozen when the studio was revoked. */
  frozen: { on: string; reason: string } | null;
}

export function planAllocations(studio: StudioPlan, asOf: string): AllocationPlan[] {
  const plans: AllocationPlan[] = [];
  const lastDay = studio.lifecycle.revoked ? earlier(studio.lifecycle.revoked.on, asOf) : asOf;
  for (const cycle of studio.lifecycle.cycles) {
    const firstYear = Number(cycle.activeOn.slice(0, 4));
    const lastYear = Number(earlier(cycle.lastWorkDay, lastDay).slice(0, 4));
    for (let year = firstYear; year <= lastYear; year++) {
      if (plans.some((p) => p.year === year)) continue;
      const allocatedOn = year === firstYear ? cycle.activeOn : isoDate(year, 1, 15);
      if (allocatedOn > lastDay) continue;
      plans.push(planAllocation(studio, year, allocatedOn, lastDay));
    }
  }
  return plans;
}

function planAllocation(
  studio: StudioPlan,
  year: number,
  allocatedOn: string,
  lastDay: string,
): AllocationPlan {
  const key = `${studio.key}:funds:${year}`;
  const random = new Random(key);
  const band = FIXED_YEARLY_YUAN[studio.jurisdiction.code] ?? YEARLY_YUAN[studio.level];
  const amountFen = BigInt(random.stepped(band.min, band.max, band.step)) * 100n;
  const paidOn = addDays(allocatedOn, random.int(10, 45));
  const revoked = studio.lifecycle.revoked;
  return {
    id: stableUuid(key),
    studio,
    year,
    amountFen,
    documentNumber: `教财〔${year}〕${random.int(1, 99)}号`,
    allocatedOn,
    disbursement:
      paidOn <= lastDay ? { amountFen, voucherNumber: `BK${year}-${random.int(1000, 9999)}`, paidOn } : null,
    expenses: planExpenses(key, amountFen, allocatedOn, `${year}-12-31`, lastDay),
    frozen: revoked && revoked.on >= allocatedOn ? { on: revoked.on, reason: revoked.note } : null,
  };
}

/**
 * The year's expenses: 60–100 % of the amount in 3–10 parts, lecture fees kept under 40 % of the
 * amount (the cap is 50 %), dated after the allocation and kept only once everything about them
 * happened by `lastDay`. About one in twenty is rejected, one in forty reversed after approval, one
 * in twenty still waits for a decision.
 */
function planExpenses(
  key: string,
  amountFen: bigint,
  from: string,
  yearEnd: string,
  lastDay: string,
): ExpensePlan[] {
  const random = new Random(`${key}:expenses`);
  const count = random.int(3, 10);
  const budgetFen = (amountFen * BigInt(random.int(60, 100))) / 100n;
  const lectureFeeRoomFen = (amountFen * 40n) / 100n;
  let lectureFeesFen = 0n;
  // Approved and waiting expenses together: a host cannot submit more than the balance.
  let committedFen = 0n;
  const expenses: ExpensePlan[] = [];
  for (let i = 0; i < count; i++) {
    const draws = new Random(`${key}:expense:${i}`);
    // Whole yuan: each part is an even share of the budget, give or take a quarter.
    const share = (budgetFen / BigInt(count) / 100n) * 100n;
    const drawn = ((share * BigInt(draws.int(75, 125))) / 100n / 100n) * 100n;
    const amount = drawn < amountFen - committedFen ? drawn : amountFen - committedFen;
    let category = draws.weighted(CATEGORY_WEIGHTS);
    if (category === 'LECTURE_FEE' && lectureFeesFen + amount > lectureFeeRoomFen)
      category = 'RESEARCH_ACTIVITY';
    const submittedOn = dayBetween(draws, addDays(from, 7), yearEnd);
    if (amount <= 0n || submittedOn > lastDay) continue;
    const outcome = draws.weighted({ APPROVED: 88, REJECTED: 5, REVERSED: 2, SUBMITTED: 5 });
    const decidedOn = outcome === 'SUBMITTED' ? null : addDays(submittedOn, draws.int(1, 10));
    const reversedOn = outcome === 'REVERSED' && decidedOn ? addDays(decidedOn, draws.int(5, 30)) : null;
    // An expense appears with its whole story or not yet: a row once loaded is never changed, so
    // one whose decision is still to come would stay undecided on a later day's run.
    if ((decidedOn && decidedOn > lastDay) || (reversedOn && reversedOn > lastDay)) continue;
    const counts = outcome === 'APPROVED' || outcome === 'SUBMITTED';
    if (counts) committedFen += amount;
    if (category === 'LECTURE_FEE' && counts) lectureFeesFen += amount;
    expenses.push({
      id: stableUuid(`${key}:expense:${i}`),
      category,
      amountFen: amount,
      spentOn: addDays(submittedOn, -draws.int(0, 6)),
      payee: draws.pick(PAYEES[category]),
      voucherNumber: `PZ${submittedOn.slice(0, 4)}-${String(i + 1).padStart(3, '0')}-${draws.int(100, 999)}`,
      description: DESCRIPTIONS[category],
      status: outcome,
      submittedOn,
      decidedOn,
      reversedOn,
    });
  }
  return expenses;
}

const DESCRIPTIONS: Record<ExpenseCategory, string> = {
  RESEARCH_ACTIVITY: '工作室主题教研活动场地、资料及会务',
  TRAINING_TRAVEL: '成员外出培训差旅费',
  OUTREACH: '送教下乡交通及资料费',
  EXPERT_LECTURE: '专家授课讲课费',
  LECTURE_FEE: '主持人及成员示范课课酬',
  EQUIPMENT_MATERIALS: '图书资料及教学设备购置',
  OTHER: '成果汇编印刷费',
};
