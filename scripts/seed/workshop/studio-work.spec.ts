import { researchProjectProblem } from '../../../services/workshop/src/rules/research-project-flow';
import { agreementPeriodProblem } from '../../../services/workshop/src/rules/support-agreement';
import { isSupportTarget } from '../../../services/workshop/src/rules/studio-work';
import { planOutcomes } from './outcomes';
import { planResearchProjects } from './research-projects';
import { planSupportAgreements } from './support-agreements';
import { presentOn } from './team';
import { AS_OF, fixture } from './test-fixtures';

describe('studio work', () => {
  const { studios } = fixture();

  it('registers one to four research projects, consistent and led by the host or a member', () => {
    const statuses = new Set<string>();
    for (const { studio, team } of studios) {
      const projects = planResearchProjects(studio, team.memberships, AS_OF);
      expect(projects.length).toBeGreaterThanOrEqual(1);
      expect(projects.length).toBeLessThanOrEqual(4);
      for (const project of projects) {
        statuses.add(project.status);
        expect(researchProjectProblem(project, AS_OF)).toBeNull();
        const leaders = presentOn(team.memberships, project.registeredOn).filter((m) => m.role !== 'TRAINEE');
        expect(leaders.map((m) => m.teacher.id)).toContain(project.leaderId);
      }
    }
    expect(statuses).toContain('CONCLUDED');
    expect(statuses).toContain('IN_PROGRESS');
  });

  it('records three to fifteen outcomes, each by one to three of the team that day', () => {
    for (const { studio, team } of studios) {
      const outcomes = planOutcomes(studio, team.memberships);
      expect(outcomes.length).toBeGreaterThanOrEqual(3);
      expect(outcomes.length).toBeLessThanOrEqual(15);
      for (const outcome of outcomes) {
        expect(outcome.achievedOn <= AS_OF).toBe(true);
        expect(outcome.authorIds.length).toBeGreaterThanOrEqual(1);
        expect(outcome.authorIds.length).toBeLessThanOrEqual(3);
        const present = presentOn(team.memberships, outcome.achievedOn).map((m) => m.teacher.id);
        for (const author of outcome.authorIds) expect(present).toContain(author);
      }
    }
  });

  it('signs support agreements with distinct rural or weak schools for at most a cycle', () => {
    for (const { studio } of studios) {
      const agreements = planSupportAgreements(studio, AS_OF);
      expect(agreements.length).toBeLessThanOrEqual(3);
      expect(new Set(agreements.map((a) => a.school)).size).toBe(agreements.length);
      for (const agreement of agreements) {
        expect(isSupportTarget(agreement.school)).toBe(true);
        expect(agreement.school).not.toBe(studio.host.school);
        expect(agreementPeriodProblem(agreement.startsOn, agreement.endsOn)).toBeNull();
        expect(agreement.startsOn <= AS_OF).toBe(true);
        if (agreement.status === 'ACTIVE') expect(agreement.endsOn >= AS_OF).toBe(true);
      }
    }
  });
});
