import { OFFICE_OF_LEVEL, Role, type Principal, type RegionLevel } from '@mingshi/auth';
import { CLOSED_STUDIO_STATUSES } from '../services/finance/src/services/allocation.service';
import { FIRST_FUND_YEAR } from '../services/finance/src/rules/money';
import { inParallel } from '../test/harness/in-parallel';
import { asSuperuser } from './database';
import { gatewayCaller, type GatewayCall } from './gateway-caller';
import type { BenchIdentityProvider } from './identity-provider';

/** Every expense of the pool is this much; the allocation holds exactly the studio's share. */
const EXPENSE_YUAN = 1;
/** Submissions in flight while the pool is built: each studio's are serialised on its allocation lock anyway. */
const SUBMIT_CONCURRENCY = 12;

/** A studio the pool spends from, with who acts on its money. */
export interface PoolStudio {
  id: string;
  level: RegionLevel;
  /** The studio's founding jurisdiction: where its office sits, and where its events are filed. */
  regionCode: string;
  hostId: string;
}

/** Submitted expenses waiting for a decision, each with the office that may approve it. */
export interface ExpensePool {
  year: number;
  studios: PoolStudio[];
  expenses: { id: string; approver: Principal }[];
  /** Seconds building the pool took (allocations and submissions through the gateway). */
  seconds: number;
}

export interface PoolOptions {
  gatewayUrl: string;
  provider: BenchIdentityProvider;
  adminUrl: string;
  database: string;
  /** The office whose studio list the pool spends from (the county page's county). */
  lister: Principal;
  size: number;
}

/**
 * Builds the expenses the approvals will decide, as real callers would, through the gateway: the
 * office of each studio's level allocates funds for a year none of them has (so re-runs on a kept
 * database never meet their own allocations, and the seeded years stay as seeded), then each
 * studio's host submits its share of expenses against it, round-robin over the studios.
 */
export async function buildExpensePool(options: PoolOptions): Promise<ExpensePool> {
  const started = Date.now();
  const studios = await openStudios(
    await gatewayCaller(options.gatewayUrl, options.provider, options.lister),
  );
  if (studios.length === 0) throw new Error(`${options.lister.regionCode} sees no open studio with a host`);
  const year = await unusedYear(options, studios);
  const offices = new Map<string, { principal: Principal; call: GatewayCall }>();
  const officeOf = async (studio: PoolStudio) => {
    const key = `${studio.level} ${studio.regionCode}`;
    if (!offices.has(key)) {
      const principal = office(OFFICE_OF_LEVEL[studio.level], studio.regionCode);
      offices.set(key, {
        principal,
        call: await gatewayCaller(options.gatewayUrl, options.provider, principal),
      });
    }
    return offices.get(key)!;
  };

  const shares = studios.map(
    (_, i) => Math.floor(options.size / studios.length) + (i < options.size % studios.length ? 1 : 0),
  );
  const allocations = await Promise.all(
    studios.map(async (studio, i) => {
      const { call } = await officeOf(studio);
      const { allocateFunds } = await call<{ allocateFunds: { id: string; allowedCategories: string[] } }>(
        `mutation ($input: AllocateFundsInput!) { allocateFunds(input: $input) { id allowedCategories } }`,
        {
          input: {
            workshopId: studio.id,
            year,
            amount: `${shares[i]! * EXPENSE_YUAN}.00`,
            documentNumber: `基准〔${year}〕${i + 1}号`,
          },
        },
      );
      return allocateFunds;
    }),
  );

  const hosts = await Promise.all(
    studios.map((studio) =>
      gatewayCaller(options.gatewayUrl, options.provider, {
        userId: `bench-host-${studio.hostId}`,
        roles: [Role.HOST],
        regionCode: studio.regionCode,
        teacherId: studio.hostId,
      }),
    ),
  );
  const work = Array.from({ length: options.size }, (_, n) => ({ n, s: n % studios.length }));
  const expenses: ExpensePool['expenses'] = new Array(options.size);
  let submitted = 0;
  await inParallel(
    work,
    async ({ n, s }) => {
      const allocation = allocations[s]!;
      const { submitExpense } = await hosts[s]!<{ submitExpense: { id: string } }>(
        `mutation ($input: SubmitExpenseInput!) { submitExpense(input: $input) { id } }`,
        {
          input: {
            allocationId: allocation.id,
            // Anything but lecture fees, whose cap would refuse approvals past a share of the allocation.
            category: allocation.allowedCategories.find((c) => c !== 'LECTURE_FEE'),
            amount: `${EXPENSE_YUAN}.00`,
            spentOn: `${year}-06-30`,
            payee: '基准测试供应商',
            voucherNumber: `BENCH-${year}-${n}`,
            description: 'bench: an expense for the fund-event path',
          },
        },
      );
      expenses[n] = { id: submitExpense.id, approver: (await officeOf(studios[s]!)).principal };
      if (++submitted % 1000 === 0) console.log(`  pool: ${submitted} / ${options.size} expenses submitted`);
    },
    SUBMIT_CONCURRENCY,
  );
  return { year, studios, expenses, seconds: (Date.now() - started) / 1000 };
}

function office(role: Role, region: string): Principal {
  return { userId: `bench-${role.toLowerCase()}-${region}`, roles: [role], regionCode: region };
}

/** The studios on the office's list that take spending and have a host to submit it. */
async function openStudios(call: GatewayCall): Promise<PoolStudio[]> {
  const { workshops } = await call<{
    workshops: {
      nodes: {
        id: string;
        level: RegionLevel;
        status: string;
        region: { code: string };
        host: { id: string } | null;
      }[];
    };
  }>(`{ workshops(first: 100) { nodes { id level status region { code } host { id } } } }`);
  return workshops.nodes
    .filter((w) => w.host && !CLOSED_STUDIO_STATUSES.includes(w.status))
    .map((w) => ({ id: w.id, level: w.level, regionCode: w.region.code, hostId: w.host!.id }));
}

/**
 * The earliest fund year none of the studios has an allocation for. Asked as the superuser: the
 * question spans offices, and no one caller's scope holds every studio's allocations.
 */
async function unusedYear(options: PoolOptions, studios: PoolStudio[]): Promise<number> {
  const { rows } = await asSuperuser(options.adminUrl, options.database, (client) =>
    client.query<{ year: number }>(
      `SELECT DISTINCT year FROM finance.fund_allocation WHERE workshop_id = ANY($1::uuid[])`,
      [studios.map((s) => s.id)],
    ),
  );
  const used = new Set(rows.map((r) => r.year));
  let year = FIRST_FUND_YEAR;
  while (used.has(year)) year++;
  return year;
}
