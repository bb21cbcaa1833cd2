import { joiningProblem, type OpenMembership } from './membership-limits';

const team: OpenMembership[] = [
  { teacherId: 'host', role: 'HOST' },
  { teacherId: 'm1', role: 'MEMBER' },
  { teacherId: 'm2', role: 'MEMBER' },
  { teacherId: 't1', role: 'TRAINEE' },
];

describe('joining a studio team', () => {
  it('lets a newcomer join while there is room', () => {
    expect(joiningProblem(team, 'new', 'MEMBER', 3)).toBeNull();
    expect(joiningProblem(team, 'new', 'TRAINEE', 2)).toBeNull();
  });

  it('refuses anyone who already holds a place, whatever their role', () => {
    expect(joiningProblem(team, 'host', 'MEMBER', 10)).toMatch(/already the host/);
    expect(joiningProblem(team, 'm1', 'TRAINEE', 10)).toMatch(/already a member/);
    expect(joiningProblem(team, 't1', 'MEMBER', 10)).toMatch(/already a trainee/);
  });

  it('counts members and trainees against their own limits, never the host', () => {
    expect(joiningProblem(team, 'new', 'MEMBER', 2)).toMatch(/most members \(成员\) allowed \(2\)/);
    expect(joiningProblem(team, 'new', 'TRAINEE', 1)).toMatch(/most trainees \(学员\) allowed \(1\)/);
    expect(joiningProblem([{ teacherId: 'host', role: 'HOST' }], 'new', 'MEMBER', 1)).toBeNull();
  });
});
