import { existsSync } from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { Role } from '@mingshi/auth';
import { chinaToday } from '@mingshi/graphql';
import { mutationAttempts } from './mutation-probe';
import { targetId, targetSets } from './planted-kinds';
import { ProbeRequests } from './probe-requests';
import { QueryBudget } from './query-budget';
import { QueryProbe } from './query-probe';
import { ScopeAudit, formatFindings } from './scope-audit';
import { FINANCE_SYSTEM_ONLY_TYPES, homeCountyRoles, type ProbeRole } from './scope-expectations';
import { REGIONS, plantScopeWorld, plantedIds, type ScopeWorld } from './scope-world';
import { describeCall, introspectGateway, reachableObjectTypes } from './schema-walk';
import { TEST_QUERY_LIMITS, TestSystem } from './system';
import { changedTables, snapshotTables } from './table-snapshot';
import { officeOf } from './workshop-fixtures';

/**
 * A scope probe driven by the schema: every root field and every mutation the gateway serves, asked
 * by every kind of caller of one county (西区) with every planted id, read back in full and with bare
 * references, and checked against docs/roles.md. A field or subgraph added later is probed without a
 * new test; what it may show is what it must not leak.
 *
 * Each caller of the county is probed in a test file of its own, `test/e2e/scope-probe-<caller>.e2e.ts`
 * (`scope-probe-county-office` …), on a world of its own: one caller costs about 2,500 requests, and
 * one file for all of them was the suite's longest by far and ran past its time in CI.
 */
export const PROBED_CALLERS: readonly string[] = [
  Role.COUNTY_OFFICE,
  Role.SCHOOL_ADMIN,
  Role.HOST,
  Role.TEACHER,
  Role.EVALUATOR,
  Role.ANALYST,
  Role.FINANCE_SYSTEM,
];

/** The probe's file of `caller`. */
export function probeFileOf(caller: string): string {
  return path.join(__dirname, '..', 'e2e', `scope-probe-${caller.toLowerCase().replace(/_/g, '-')}.e2e.ts`);
}

/**
 * How many levels of nested objects below a root field are read in full. A page of a hundred costs a
 * hundred times as much against the gateway's limit, so it is read less deep; what lies deeper in it
 * is read through the lookups of the same objects.
 */
const DEPTH = { single: 5, page: 3 };
/** Queries a refusal may answer with; anything else (INTERNAL_SERVER_ERROR above all) is a finding. */
const QUERY_REFUSALS = ['FORBIDDEN', 'NOT_FOUND'];
const MUTATION_REFUSALS = ['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT'];

/** Four years back from today: covers the planted work and stays within the five years metrics allow. */
function period(): { from: string; to: string } {
  const to = chinaToday();
  return { from: `${Number(to.slice(0, 4)) - 4}${to.slice(4)}`, to };
}

/** The probe's three tests, as the county's `caller`. */
export function describeScopeProbe(caller: (typeof PROBED_CALLERS)[number]): void {
  describe(`the scope probe of a county (西区): everything the graph serves, as its ${caller}`, () => {
    let system: TestSystem;
    let world: ScopeWorld;
    let schema: GraphQLSchema;
    let allRoles: ProbeRole[];
    let roles: ProbeRole[];
    let requests: ProbeRequests;
    const audit = new ScopeAudit(QUERY_REFUSALS);

    beforeAll(async () => {
      system = await TestSystem.start();
      world = await plantScopeWorld(system);
      schema = await introspectGateway(system, officeOf('COUNTY', REGIONS.home));
      allRoles = homeCountyRoles(world);
      roles = allRoles.filter((role) => role.name === caller);
      const budget = new QueryBudget(schema, TEST_QUERY_LIMITS);
      requests = new ProbeRequests(system, budget);
      const neighbourObjects = targetSets(world)[0]!;
      const probe = new QueryProbe(schema, budget, requests, {
        depth: DEPTH,
        hints: {
          // A nested argument naming an object names one of the neighbour's.
          idFor: (name, owner) => targetId(neighbourObjects, name, owner),
          year: world.year,
          period: period(),
          complete: false,
        },
        ids: plantedIds(world),
        regionCodes: Object.values(REGIONS),
      });
      for (const role of roles) await probe.run(role.caller, (observation) => audit.check(role, observation));
      // About 2,500 requests: 40–100 s alone, two to three times that beside the other jest worker.
    }, 600_000);
    afterAll(() => system?.stop());

    it('calls every root field, reaches every object type and sees what each caller may see', () => {
      const unprobed = allRoles
        .map((role) => role.name)
        .filter((name) => !PROBED_CALLERS.includes(name) || !existsSync(probeFileOf(name)));
      expect({ callersWithoutAProbeFile: unprobed }).toEqual({ callersWithoutAProbeFile: [] });
      const queryFields = Object.keys(schema.getQueryType()!.getFields());
      expect([...audit.calledFields].sort()).toEqual(queryFields.sort());
      expect(requests.count).toBeGreaterThan(500);
      const reachable = [...reachableObjectTypes(schema, schema.getQueryType()!)];
      // Every type is answered to the county office, and the finance system's own to it, in their files.
      const unseenBy = (name: string, types: string[]) =>
        roles.some((role) => role.name === name)
          ? types.filter((type) => !audit.seenTypes.get(name)?.has(type))
          : [];
      expect({
        typesNeverAnsweredToTheCountyOffice: unseenBy(
          'COUNTY_OFFICE',
          reachable.filter((type) => !FINANCE_SYSTEM_ONLY_TYPES.includes(type)),
        ),
        typesNeverAnsweredToTheFinanceSystem: unseenBy('FINANCE_SYSTEM', FINANCE_SYSTEM_ONLY_TYPES),
      }).toEqual({ typesNeverAnsweredToTheCountyOffice: [], typesNeverAnsweredToTheFinanceSystem: [] });
      const missing = roles.flatMap((role) =>
        role.expected
          .filter((marker) => !audit.found.get(role.name)?.has(marker.value))
          .map((marker) => `${role.name}: ${marker.what}${marker.of ? ` (${marker.of})` : ''}`),
      );
      expect({ expectedButNeverSeen: missing }).toEqual({ expectedButNeverSeen: [] });
    });

    it('shows no caller of the county what docs/roles.md keeps from it, and refuses only as FORBIDDEN or NOT_FOUND', () => {
      if (audit.findings.length) {
        throw new Error(`The scope probe found ${formatFindings(audit.findings, requests.count)}`);
      }
    });

    it("refuses every mutation aimed at the neighbour's or the province's objects, and writes nothing", async () => {
      const attempts = mutationAttempts(schema, targetSets(world), { year: world.year, period: period() });
      const mutationFields = Object.keys(schema.getMutationType()!.getFields());
      expect(new Set(attempts.map((a) => a.call.field))).toEqual(new Set(mutationFields));

      const mutations = new ScopeAudit(MUTATION_REFUSALS);
      const before = await snapshotTables(system.database.name, [
        'personnel',
        'workshop',
        'finance',
        'evaluation',
        'reports',
      ]);
      const sentBefore = requests.count;
      for (const role of roles) {
        await requests.send(
          role.caller,
          attempts.map((a) => a.call),
          'mutation',
          (observation) => {
            mutations.check(role, observation);
            if (!observation.errors.length) {
              const sent = describeCall(observation.call);
              const target = attempts.find((a) => describeCall(a.call) === sent)!.target;
              mutations.add({
                role: role.name,
                edge: `Mutation.${observation.call.field}`,
                what: `accepted, aimed at ${target.label}`,
                path: observation.document,
                request: observation.request,
              });
            }
          },
        );
      }
      const after = await snapshotTables(system.database.name, [
        'personnel',
        'workshop',
        'finance',
        'evaluation',
        'reports',
      ]);
      // The snapshot reads past row-level security: it sees every planted teacher and studio.
      const plantedTeachers = Object.keys(world.home.teachers).length + world.neighbour.teachers.length;
      expect([before.get('personnel.teacher')?.rows, before.get('workshop.workshop')?.rows]).toEqual([
        plantedTeachers,
        3,
      ]);
      for (const change of changedTables(before, after)) {
        mutations.add({
          role: '(all)',
          edge: change,
          what: 'changed by refused mutations',
          path: '',
          request: 0,
        });
      }
      if (mutations.findings.length) {
        throw new Error(
          `The mutation probe found ${formatFindings(mutations.findings, requests.count - sentBefore)}`,
        );
      }

      // Control: the calls aimed at the neighbour's studio, sent by the neighbour's own people — its
      // office, the studio's host, its assessment's evaluator and its finance system — mostly get
      // through, so the others were refused for who sent them, not for being malformed.
      const neighbourLabel = targetSets(world)[0]!.label;
      const { studio } = world.neighbour;
      const owners = [
        officeOf('COUNTY', REGIONS.neighbour),
        studio.hostCaller,
        { role: Role.EVALUATOR, region: REGIONS.neighbour, teacherId: world.neighbour.teachers[9]!.id },
        world.webhooks.neighbour.owner,
      ];
      const accepted = new Set<string>();
      for (const owner of owners) {
        await requests.send(
          owner,
          attempts.filter((a) => a.target.label === neighbourLabel).map((a) => a.call),
          'mutation',
          (observation) => {
            if (!observation.errors.length) accepted.add(observation.call.field);
          },
        );
      }
      expect(accepted.size).toBeGreaterThanOrEqual(mutationFields.length / 2);
    });
  });
}
