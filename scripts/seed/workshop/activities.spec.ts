import {
  activityHoursProblem,
  resourceUrlProblem,
  targetSchoolProblem,
} from '../../../services/workshop/src/rules/activity';
import { isSupportTarget } from '../../../services/workshop/src/rules/studio-work';
import { PARTICIPANTS, planActivities, type ActivityPlan } from './activities';
import { daysBetween } from '../calendar';
import { groupBy } from './collections';
import { fixture } from './test-fixtures';

function activitiesOf(asOf?: string) {
  const { studios, teachers, schools } = fixture({ asOf });
  const bySchool = groupBy(teachers, (t) => t.school.id);
  const schoolById = new Map(schools.map((s) => [s.id, s]));
  return {
    schoolById,
    teacherById: new Map(teachers.map((t) => [t.id, t])),
    planned: studios.map(({ studio, team }) => ({
      studio,
      team,
      activities: planActivities(studio, team.memberships, bySchool),
    })),
  };
}

describe('studio activities', () => {
  const { planned, schoolById, teacherById } = activitiesOf();
  const all: ActivityPlan[] = planned.flatMap((p) => p.activities);

  it('number about a hundred a year of a studio’s work, the same on every run', () => {
    const { studio, activities } = planned[0]!;
    const [first] = planActivities(studio, planned[0]!.team.memberships, new Map());
    expect(first!.id).toBe(activities[0]!.id);
    // Per year of work: a renewed studio has worked two cycles, a young one a few months.
    const yearsOfWork = planned
      .flatMap((p) => p.studio.lifecycle.cycles)
      .reduce((sum, cycle) => sum + (daysBetween(cycle.activeOn, cycle.lastWorkDay) + 1) / 365, 0);
    const perYear = all.length / yearsOfWork;
    expect(perYear).toBeGreaterThan(90);
    expect(perYear).toBeLessThan(130);
  });

  it('are mostly themed research and team study, with outreach among the rest', () => {
    const counts = new Map<string, number>();
    for (const a of all) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
    expect(ranked.slice(0, 2)).toEqual(['THEMED_RESEARCH', 'TEAM_STUDY']);
    expect(counts.get('OUTREACH')! / all.length).toBeGreaterThan(0.05);
  });

  it('take outreach to a rural or weak school of the jurisdiction, and only outreach', () => {
    for (const { studio, activities } of planned) {
      for (const a of activities) {
        expect(targetSchoolProblem(a.type, a.targetSchoolId)).toBeNull();
        if (!a.targetSchoolId) continue;
        const school = schoolById.get(a.targetSchoolId)!;
        expect(isSupportTarget(school)).toBe(true);
        expect(school).not.toBe(studio.host.school);
        expect(school.county.code.startsWith(studio.jurisdiction.code.replace(/0+$/, ''))).toBe(true);
      }
    }
  });

  it('credit 1–8 hours in halves and publish up to three materials at http(s) URLs', () => {
    const misfits = all.filter(
      (a) =>
        activityHoursProblem(a.hours) !== null ||
        a.hours < 1 ||
        a.hours > 8 ||
        a.hours * 2 !== Math.round(a.hours * 2) ||
        a.resources.length > 3 ||
        a.resources.some((r) => resourceUrlProblem(r.url) !== null),
    );
    expect(misfits).toEqual([]);
  });

  it('list distinct teachers of the jurisdiction, the team’s among them, teaching by then', () => {
    const misfits: string[] = [];
    let fromTeam = 0;
    let total = 0;
    for (const { studio, team, activities } of planned) {
      const members = new Set(team.memberships.map((m) => m.teacher.id));
      const prefix = studio.jurisdiction.code.replace(/0+$/, '');
      for (const a of activities) {
        const count = a.participantIds.length;
        if (new Set(a.participantIds).size !== count) misfits.push(`${a.id} lists a teacher twice`);
        if (count < PARTICIPANTS.min || count > PARTICIPANTS.max) misfits.push(`${a.id} lists ${count}`);
        for (const id of a.participantIds) {
          const teacher = teacherById.get(id)!;
          if (!teacher.school.county.code.startsWith(prefix)) misfits.push(`${id} is outside ${prefix}`);
          if (teacher.hireYear > Number(a.date.slice(0, 4)))
            misfits.push(`${id} is not teaching on ${a.date}`);
          if (members.has(id)) fromTeam++;
          total++;
        }
      }
    }
    expect(misfits).toEqual([]);
    expect(fromTeam / total).toBeGreaterThan(0.6);
  });

  it('find teachers beyond the team even in a small jurisdiction', () => {
    const small = fixture({ schools: 2, teachers: 12, teachersPerStudio: 10 });
    const bySchool = groupBy(small.teachers, (t) => t.school.id);
    for (const { studio, team } of small.studios) {
      const counts = planActivities(studio, team.memberships, bySchool).map((a) => a.participantIds.length);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(PARTICIPANTS.min);
    }
  });

  it('fall within the studio’s cycles of work and never after the last recorded day', () => {
    for (const asOf of ['2025-12-31', '2025-10-15']) {
      const outside = activitiesOf(asOf).planned.flatMap(({ studio, activities }) =>
        activities.filter(
          (a) =>
            a.date > asOf ||
            !studio.lifecycle.cycles.some((c) => c.activeOn <= a.date && a.date <= c.lastWorkDay),
        ),
      );
      expect(outside).toEqual([]);
    }
  });
});
