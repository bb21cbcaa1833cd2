import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '@mingshi/auth';
import { QueueName, createRedisConnection, type EventEnvelope } from '@mingshi/events';
import { errorCodes, redisUrl } from '@mingshi/testing';
import { createTeacher } from '../harness/fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const ISSUE = `mutation ($input: IssueCertificateInput!) { issueCertificate(input: $input) { id number hours year teacher { id } } }`;
const HOURS = `query ($id: ID!) { teacher(id: $id) { trainingHours(year: 2025) { hours records { source description } } } }`;

/**
 * 结业证书 → 继续教育学时: issuing a certificate in workshop credits the teacher's hours in personnel
 * through the outbox, the relay and the queue — once, whatever happens to the delivery.
 */
describe('completion certificates credit training hours', () => {
  let system: TestSystem;
  let studio: Studio;

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
  });
  afterAll(() => system?.stop());

  /** A teacher of the studio's county taken through 双向选择 to a confirmed trainee. */
  async function trainee(): Promise<{ id: string }> {
    const teacher = await createTeacher(system, studio.school, '510403');
    const applied = await system.gql<{ applyAsTrainee: { id: string } }>(
      { role: Role.TEACHER, region: '510403', teacherId: teacher.id },
      `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
      { input: { workshopId: studio.id, statement: '希望在工作室学习提升' } },
    );
    const applicationId = applied.data!.applyAsTrainee.id;
    await system.gql(
      studio.hostCaller,
      `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { status } }`,
      {
        input: { applicationId, accept: true, rating: 4 },
      },
    );
    const decided = await system.gql(
      studio.office,
      `mutation ($input: DecideTraineeApplicationInput!) { decideTraineeApplication(input: $input) { status } }`,
      { input: { applicationId, confirm: true } },
    );
    expect(decided.data?.decideTraineeApplication.status).toBe('CONFIRMED');
    return teacher;
  }

  const county = { role: Role.COUNTY_OFFICE, region: '510403' };

  it('issues a numbered certificate and credits its hours in personnel', async () => {
    const teacher = await trainee();
    const issued = await system.gql(studio.office, ISSUE, {
      input: { workshopId: studio.id, teacherId: teacher.id, hours: 48, year: 2025 },
    });
    expect(issued.errors).toBeUndefined();
    expect(issued.data?.issueCertificate).toMatchObject({
      number: expect.stringMatching(/^510403-2024-\d{4}$/),
      hours: 48,
      year: 2025,
    });

    await system.deliverWorkshopEvents();
    const hours = await system.gql(county, HOURS, { id: teacher.id });
    expect(hours.data?.teacher.trainingHours).toEqual({
      hours: 48,
      records: [
        {
          source: 'STUDIO_CERTIFICATE',
          description: `名师工作室结业证书 ${issued.data?.issueCertificate.number}`,
        },
      ],
    });
  });

  it('credits once when the same event is delivered twice', async () => {
    const teacher = await trainee();
    await system.gql(studio.office, ISSUE, {
      input: { workshopId: studio.id, teacherId: teacher.id, hours: 40, year: 2025 },
    });
    await system.deliverWorkshopEvents();

    // Deliver the very same envelope again, as a retry after a lost acknowledgement would.
    const owner = new Client({ connectionString: system.database.ownerUrl });
    await owner.connect();
    const [row] = (
      await owner.query(
        `SELECT event_id, type, region_code, payload, occurred_at FROM workshop.outbox WHERE payload->>'teacherId' = $1`,
        [teacher.id],
      )
    ).rows;
    await owner.end();
    const connection = createRedisConnection(redisUrl());
    const queue = new Queue<EventEnvelope>(QueueName.PERSONNEL_INBOX, {
      connection,
      prefix: system.queuePrefix,
    });
    await queue.add(row.type, {
      id: row.event_id,
      type: row.type,
      regionCode: row.region_code,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload: row.payload,
    });
    await queue.close();
    connection.disconnect();
    await system.personnelInbox.drain();

    const hours = await system.gql(county, HOURS, { id: teacher.id });
    expect(hours.data?.teacher.trainingHours.hours).toBe(40);
    expect(hours.data?.teacher.trainingHours.records).toHaveLength(1);
  });

  it('holds the event while personnel is down and credits it when personnel returns', async () => {
    const teacher = await trainee();
    await system.personnelInbox.stop();
    try {
      await system.gql(studio.office, ISSUE, {
        input: { workshopId: studio.id, teacherId: teacher.id, hours: 36, year: 2025 },
      });
      await system.workshopRelay.relayOnce();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await system.gql(county, HOURS, { id: teacher.id })).data?.teacher.trainingHours.hours).toBe(0);
    } finally {
      system.personnelInbox.start();
    }
    await system.personnelInbox.drain();
    expect((await system.gql(county, HOURS, { id: teacher.id })).data?.teacher.trainingHours.hours).toBe(36);
  });

  it('refuses a second certificate for the same trainee and cycle', async () => {
    const teacher = await trainee();
    const input = { workshopId: studio.id, teacherId: teacher.id, hours: 30, year: 2025 };
    expect((await system.gql(studio.office, ISSUE, { input })).errors).toBeUndefined();
    expect(errorCodes(await system.gql(studio.office, ISSUE, { input }))).toEqual(['CONFLICT']);
  });

  it('refuses a teacher who is not a trainee, and writes no event for it', async () => {
    const outsider = await createTeacher(system, studio.school, '510403');
    const r = await system.gql(studio.office, ISSUE, {
      input: { workshopId: studio.id, teacherId: outsider.id, hours: 30, year: 2025 },
    });
    expect(errorCodes(r)).toEqual(['CONFLICT']);
    const owner = new Client({ connectionString: system.database.ownerUrl });
    await owner.connect();
    const events = await owner.query(`SELECT 1 FROM workshop.outbox WHERE payload->>'teacherId' = $1`, [
      outsider.id,
    ]);
    await owner.end();
    expect(events.rowCount).toBe(0);
  });

  it('refuses callers other than the office of the studio level', async () => {
    const teacher = await trainee();
    const input = { workshopId: studio.id, teacherId: teacher.id, hours: 30, year: 2025 };
    for (const caller of [
      studio.hostCaller,
      { role: Role.CITY_OFFICE, region: '510400' },
      { role: Role.ANALYST, region: '510000' },
    ]) {
      expect(errorCodes(await system.gql(caller, ISSUE, { input }))).toEqual(['FORBIDDEN']);
    }
    expect(
      errorCodes(await system.gql({ role: Role.COUNTY_OFFICE, region: '510402' }, ISSUE, { input })),
    ).toEqual(['NOT_FOUND']);
  });

  it('refuses impossible hours and years', async () => {
    const teacher = await trainee();
    for (const [hours, year, field] of [
      [0, 2025, 'hours'],
      [250, 2025, 'hours'],
      [30, 2019, 'year'],
    ] as const) {
      const r = await system.gql(studio.office, ISSUE, {
        input: { workshopId: studio.id, teacherId: teacher.id, hours, year },
      });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
  });
});
