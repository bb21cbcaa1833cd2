import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { Random } from '../../scripts/seed/random';
import { createSchool, createTeacher, nationalId } from '../harness/fixtures';
import {
  FUZZ_COUNTY,
  basesOver,
  fieldsWithoutBase,
  plantFuzzTargets,
  type FuzzTargets,
} from '../harness/fuzz-bases';
import { sendWithin } from '../harness/fuzz-client';
import { buildCases, operationText, rootFields, type FuzzCase, type Operation } from '../harness/fuzz-cases';
import { writeReport } from '../harness/fuzz-report';
import { runCases } from '../harness/fuzz-runner';
import { showsNothing } from '../harness/fuzz-values';
import { RULES, describeError, describeFinding, namedFields, type Finding } from '../harness/fuzz-verdict';
import { TestSystem, type TokenRequest } from '../harness/system';
import { TableCounter } from '../harness/table-counts';
import { Role } from '@mingshi/auth';

/**
 * A seeded fuzzer over the composed schema. It reads the schema through the gateway by
 * introspection, and for every argument and input field of every Query and Mutation field sends
 * calls that are valid — planted county data, the county's own office — except for one hostile
 * value, as a variable or an inline literal. Whatever it sends, the graph must answer in time, with
 * a stable code and a short, clean message naming the field, and write nothing when it refuses.
 *
 * Replay a run with FUZZ_SEED=<seed>; FUZZ_PER_SLOT (values per slot, default 3) and
 * FUZZ_BUDGET_MS (per request, default 15000) tune it; FUZZ_REPORT=<file> writes every case with
 * its answer there as JSON lines, long strings shortened, to look into what a finding saw.
 */
const SEED = process.env.FUZZ_SEED ?? 'mingshi-fuzz-1';
const PER_SLOT = Number(process.env.FUZZ_PER_SLOT ?? 3);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 15_000);
const CONCURRENCY = 3;
const OFFICE: TokenRequest = { role: Role.COUNTY_OFFICE, region: FUZZ_COUNTY };

async function introspect(system: TestSystem): Promise<GraphQLSchema> {
  const r = await system.gql<IntrospectionQuery>(OFFICE, getIntrospectionQuery());
  if (!r.data) throw new Error(`introspection failed: ${JSON.stringify(r.errors)}`);
  return buildClientSchema(r.data);
}

/**
 * Sends each field's base call unchanged and returns the ones refused: a refused base would make
 * every refusal of its cases the base's doing, not the hostile value's. Runs on targets of its own,
 * so what the calls change does not touch what the fuzz cases act on.
 */
async function refusedBases(
  system: TestSystem,
  schema: GraphQLSchema,
  targets: FuzzTargets,
): Promise<string[]> {
  const baseFor = basesOver(targets);
  const problems = fieldsWithoutBase(
    rootFields(schema).map(({ operation, field }) => ({
      operation,
      name: field.name,
      takesArgs: field.args.length > 0,
    })),
  ).map((name) => `${name}: the fuzzer has no base call for it`);
  for (const { operation, field } of rootFields(schema)) {
    const base = baseFor(operation, field.name);
    if (!base) continue;
    const { query, variables } = operationText(operation, field, base.args);
    const answer = await sendWithin(
      system.gatewayUrl,
      await system.token(base.caller),
      query,
      variables,
      BUDGET_MS,
    );
    if (answer.timedOut || answer.failure || answer.errors.length > 0) {
      const why = answer.errors.map(describeError).join('; ') || answer.failure || 'no answer';
      problems.push(`${operation}.${field.name}: ${why}`);
    }
  }
  return problems;
}

describe(`schema-driven input fuzzer (FUZZ_SEED=${SEED})`, () => {
  let system: TestSystem;
  let counter: TableCounter;
  let checked: FuzzTargets;
  let baseProblems: string[] = [];
  let cases: FuzzCase[] = [];
  let findings: Finding[] = [];

  beforeAll(async () => {
    const started = Date.now();
    system = await TestSystem.start();
    counter = await TableCounter.connect(system.database.ownerUrl, ['personnel', 'workshop', 'finance']);
    const schema = await introspect(system);
    checked = await plantFuzzTargets(system);
    const fuzzed = await plantFuzzTargets(system);
    // Webhook delivery writes attempts in the background; what a case wrote must be its own.
    await system.fundEvents.stop();
    baseProblems = await refusedBases(system, schema, checked);
    cases = buildCases(schema, basesOver(fuzzed), new Random(`input-fuzzer:${SEED}`), {
      perSlot: PER_SLOT,
      inlineShare: 0.25,
    });
    const run = await runCases(system, cases, counter, { budgetMs: BUDGET_MS, concurrency: CONCURRENCY });
    findings = run.findings;
    if (process.env.FUZZ_REPORT) writeReport(process.env.FUZZ_REPORT, cases, run.answers, findings);
    const count = (operation: Operation) => cases.filter((c) => c.operation === operation).length;
    console.warn(
      `input fuzzer: seed ${SEED}, ${cases.length} cases (${count('query')} queries, ${count('mutation')} ` +
        `mutations, ${cases.filter((c) => c.inline).length} inline), ${findings.length} findings, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  afterAll(async () => {
    await counter?.end();
    await system?.stop();
  });

  it('has an accepted base call for every field it fuzzes, so refusals are the hostile values’ doing', () => {
    expect(baseProblems).toEqual([]);
  });

  it.each(Object.values(RULES))('%s', (rule) => {
    expect(findings.filter((f) => f.rule === rule).map(describeFinding)).toEqual([]);
  });

  describe('focused refusals', () => {
    const CREATE_TEACHER = `mutation ($input: CreateTeacherInput!) { createTeacher(input: $input) { id name } }`;

    it('reports every bad field of one input in a single refusal', async () => {
      const school = await createSchool(system, FUZZ_COUNTY);
      const before = await counter.counts();
      const r = await system.gql(OFFICE, CREATE_TEACHER, {
        input: {
          name: '   ',
          nationalId: '51040319880230001',
          phone: '0812-3456789',
          schoolId: school.id,
          subject: 'MATHEMATICS',
          stage: 'PRIMARY',
          rank: 'FIRST_GRADE',
        },
      });
      expect(r.data).toBeNull();
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['BAD_USER_INPUT']));
      const named = (r.errors ?? []).flatMap((e) => namedFields(e.extensions));
      expect(named).toEqual(expect.arrayContaining(['input.name', 'input.nationalId', 'input.phone']));
      expect(await counter.counts()).toEqual(before);
    });

    const INVISIBLE_NAMES: [string, string][] = [
      ['only zero-width spaces', '\u200b\u200b\u200b'],
      ['zero-width spaces around a space', '\u200b \ufeff\u2060'],
      ['only right-to-left overrides', '\u202e\u202e'],
      ['only control characters', '\u0001\u0007\u001f'],
    ];

    const NAMED_MUTATIONS: {
      label: string;
      call: (name: string) => Promise<{ query: string; variables: object }>;
    }[] = [
      {
        label: 'createSchool',
        call: async (name) => ({
          query: `mutation ($input: CreateSchoolInput!) { createSchool(input: $input) { name } }`,
          variables: {
            input: { name, regionCode: FUZZ_COUNTY, stages: ['PRIMARY'], rural: false, weak: false },
          },
        }),
      },
      {
        label: 'createTeacher',
        call: async (name) => ({
          query: CREATE_TEACHER,
          variables: {
            input: {
              name,
              nationalId: nationalId(FUZZ_COUNTY),
              phone: '13711112222',
              schoolId: checked.school.id,
              subject: 'CHINESE',
              stage: 'PRIMARY',
              rank: 'SECOND_GRADE',
            },
          },
        }),
      },
      {
        label: 'updateTeacher',
        call: async (name) => {
          const teacher = await createTeacher(system, checked.school, FUZZ_COUNTY);
          return {
            query: `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { name } }`,
            variables: { id: teacher.id, input: { name } },
          };
        },
      },
      {
        label: 'updateWorkshop',
        call: async (name) => ({
          query: `mutation ($id: ID!, $input: UpdateWorkshopInput!) { updateWorkshop(id: $id, input: $input) { name } }`,
          variables: { id: checked.studio.id, input: { name } },
        }),
      },
    ];

    /** BAD_USER_INPUT names its field in `extensions.field` (or `fields`) or in the message. */
    const namesName = (error: { message: string; extensions?: Record<string, any> } | undefined) =>
      !!error && (namedFields(error.extensions).includes('name') || /\bname\b/.test(error.message));

    describe.each(NAMED_MUTATIONS)('$label', ({ label, call }) => {
      it.each(INVISIBLE_NAMES)('refuses a name of %s instead of storing it', async (_what, name) => {
        const { query, variables } = await call(name);
        const r = await system.gql(OFFICE, query, variables as Record<string, unknown>);
        const stored = (r.data?.[label] as { name?: string } | null | undefined)?.name;
        const outcome =
          stored === undefined
            ? { code: r.errors?.[0]?.extensions?.code, namesField: namesName(r.errors?.[0]) }
            : { stored, storedAsGiven: stored === name, storedEmpty: showsNothing(stored) };
        expect(outcome).toEqual({ code: 'BAD_USER_INPUT', namesField: true });
      });
    });
  });
});
