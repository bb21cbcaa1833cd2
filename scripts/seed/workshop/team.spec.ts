import { fixture } from './test-fixtures';
import { presentOn } from './team';

describe('studio teams', () => {
  const { studios } = fixture();

  it('have one host, 3–10 members and 10–30 trainees in each cycle', () => {
    for (const { studio, team } of studios) {
      expect(team.memberships.filter((m) => m.role === 'HOST').map((m) => m.teacher)).toEqual([studio.host]);
      const activeOn = studio.lifecycle.cycles[0]!.activeOn;
      const firstMembers = team.memberships.filter((m) => m.role === 'MEMBER' && m.joinedOn <= activeOn);
      expect(firstMembers.length).toBeLessThanOrEqual(10);
      for (const cohort of team.trainees) {
        expect(cohort.length).toBeGreaterThanOrEqual(10);
        expect(cohort.length).toBeLessThanOrEqual(30);
      }
      expect(team.trainees.length).toBe(studio.lifecycle.cycles.length);
    }
  });

  it('give a teacher one place per studio, joined within its cycles once they teach', () => {
    for (const { studio, team } of studios) {
      const teachers = team.memberships.map((m) => m.teacher.id);
      expect(new Set(teachers).size).toBe(teachers.length);
      for (const m of team.memberships) {
        expect(m.joinedOn >= studio.lifecycle.foundedOn).toBe(true);
        expect(m.teacher.hireYear).toBeLessThanOrEqual(Number(m.joinedOn.slice(0, 4)));
        if (m.leftOn) expect(m.leftOn >= m.joinedOn).toBe(true);
      }
    }
  });

  it('leave nothing open in a revoked studio and keep the host of every other one', () => {
    for (const { studio, team } of studios) {
      const open = team.memberships.filter((m) => m.leftOn === null);
      if (studio.lifecycle.revoked) expect(open).toEqual([]);
      else expect(open.filter((m) => m.role === 'HOST')).toHaveLength(1);
    }
  });

  it('start each trainee place with a confirmed application, decided on the day it starts', () => {
    for (const { team } of studios) {
      const trainees = new Map(team.trainees.flat().map((m) => [m.id, m]));
      const confirmed = team.applications.filter((a) => a.status === 'CONFIRMED');
      expect(confirmed.map((a) => a.membershipId).sort()).toEqual([...trainees.keys()].sort());
      for (const application of confirmed) {
        const place = trainees.get(application.membershipId!)!;
        expect(place.teacher.id).toBe(application.teacherId);
        expect(application.decidedAt!.slice(0, 10)).toBe(place.joinedOn);
        expect(application.hostRating).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('take each application’s steps in order, rated only when accepted', () => {
    const statuses = new Set<string>();
    for (const { studio, team } of studios) {
      for (const a of team.applications) {
        statuses.add(a.status);
        if (a.respondedAt) expect(a.respondedAt > a.createdAt).toBe(true);
        if (a.decidedAt) expect(a.decidedAt > (a.respondedAt ?? a.createdAt)).toBe(true);
        if (a.status === 'DECLINED') expect(a.hostRating).toBeNull();
        if (a.status === 'PENDING') expect(a.respondedAt).toBeNull();
        if (studio.lifecycle.revoked) expect(['PENDING', 'ACCEPTED']).not.toContain(a.status);
      }
    }
    expect([...statuses].sort()).toEqual([
      'ACCEPTED',
      'CONFIRMED',
      'DECLINED',
      'PENDING',
      'REJECTED',
      'WITHDRAWN',
    ]);
  });

  it('close applications waiting at a revocation as the office’s rejection, made that day', () => {
    const revoked = fixture({ teachersPerStudio: 15 }).studios.filter(
      ({ studio }) => studio.lifecycle.revoked,
    );
    const closed = revoked.flatMap(({ studio, team }) =>
      team.applications
        .filter((a) => a.officeComment === studio.lifecycle.revoked!.note)
        .map((a) => ({ a, on: studio.lifecycle.revoked!.on })),
    );
    expect(closed.length).toBeGreaterThan(0);
    for (const { a, on } of closed) {
      expect(a.status).toBe('REJECTED');
      expect(a.decidedAt!.slice(0, 10)).toBe(on);
      expect(a.createdAt.slice(0, 10) < on).toBe(true);
      if (a.respondedAt) expect(a.respondedAt.slice(0, 10) < on).toBe(true);
    }
  });

  it('take at most a quarter of a small jurisdiction’s teachers as trainees', () => {
    const small = fixture({ schools: 2, teachers: 12, teachersPerStudio: 10 });
    for (const { studio, team } of small.studios) {
      const room = studio.jurisdiction.teachers.length / 4;
      for (const cohort of team.trainees) expect(cohort.length).toBeLessThanOrEqual(Math.max(1, room));
    }
  });

  it('count a place as present from the day it is joined until the day it is left', () => {
    const place = { joinedOn: '2024-03-01', leftOn: '2024-06-01' } as Parameters<typeof presentOn>[0][number];
    expect(presentOn([place], '2024-02-29')).toEqual([]);
    expect(presentOn([place], '2024-03-01')).toEqual([place]);
    expect(presentOn([place], '2024-06-01')).toEqual([]);
  });
});
