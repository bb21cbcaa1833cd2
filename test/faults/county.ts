import { Role } from '@mingshi/auth';
import { allocated } from '../harness/finance-fixtures';
import { createSchool, createTeacher } from '../harness/fixtures';
import type { TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';
import type { FaultSystem } from './fault-system';

/** 攀枝花市西区, the county the suite's callers work in. */
export const COUNTY = '510403';

export interface County {
  code: string;
  office: TokenRequest;
  /** The studios whose expenses are submitted and approved: each approval is a fund event. */
  spending: { studio: Studio; allocationId: string }[];
  /** The studios moved ACTIVE ⇄ RECTIFYING: each move is an event through workshop's outbox. */
  moving: Studio[];
  /** The finance system's webhook endpoint, delivering to the suite's receiver. */
  endpoint: { id: string; deliveredThrough: string };
}

const TEACHERS = 12;
/** Enough that the stream's small expenses never exhaust one. */
const ALLOCATION = '1000000.00';

/**
 * A county as its office would set it up through the gateway (the harness's fixtures): a school
 * with teachers for the teachers page, studios with this year's allocations to spend from, studios
 * whose status moves, and the finance system's webhook endpoint pointing at `receiverUrl`.
 */
export async function prepareCounty(system: FaultSystem, receiverUrl: string): Promise<County> {
  const school = await createSchool(system, COUNTY);
  for (let i = 0; i < TEACHERS; i += 1) await createTeacher(system, school, COUNTY);
  const spending: County['spending'] = [];
  for (let i = 0; i < 2; i += 1) {
    const studio = await foundStudio(system, { countyCode: COUNTY, school });
    spending.push({ studio, allocationId: (await allocated(system, studio, ALLOCATION)).id as string });
  }
  const moving = [
    await foundStudio(system, { countyCode: COUNTY, school }),
    await foundStudio(system, { countyCode: COUNTY, school }),
  ];
  const registered = await system.gql<{
    registerWebhookEndpoint: { endpoint: { id: string; deliveredThrough: string } };
  }>(
    { role: Role.FINANCE_SYSTEM, region: COUNTY },
    `mutation ($input: RegisterWebhookEndpointInput!) {
      registerWebhookEndpoint(input: $input) { endpoint { id deliveredThrough } } }`,
    { input: { url: `${receiverUrl}/fund-events`, description: 'the fault suite receiver' } },
  );
  const endpoint = registered.data?.registerWebhookEndpoint?.endpoint;
  if (!endpoint) throw new Error(`registerWebhookEndpoint failed: ${JSON.stringify(registered.errors)}`);
  return { code: COUNTY, office: { role: Role.COUNTY_OFFICE, region: COUNTY }, spending, moving, endpoint };
}
