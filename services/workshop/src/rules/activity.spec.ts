import {
  activityHoursProblem,
  resourceUrlProblem,
  roundHours,
  targetSchoolProblem,
  viewCountProblem,
  viewsWouldShrink,
} from './activity';

describe('activities', () => {
  it('credits 0 to 100 hours to one decimal', () => {
    for (const hours of [0, 0.5, 2.3, 4.6, 12.9, 33.3, 99.9, 100])
      expect(activityHoursProblem(hours)).toBeNull();
    expect(activityHoursProblem(0.1 + 0.2)).toBeNull();
    expect(activityHoursProblem(-0.1)).toMatch(/between 0 and 100/);
    expect(activityHoursProblem(100.1)).toMatch(/between 0 and 100/);
    expect(activityHoursProblem(Number.NaN)).toMatch(/between 0 and 100/);
    expect(activityHoursProblem(1.25)).toMatch(/one decimal/);
    expect(roundHours(0.1 + 0.2)).toBe(0.3);
  });

  it('publishes http(s) links only', () => {
    expect(resourceUrlProblem('https://pan.example.cn/s/课件.pptx')).toBeNull();
    expect(resourceUrlProblem('http://192.168.1.10/video.mp4')).toBeNull();
    expect(resourceUrlProblem('javascript:alert(1)')).toMatch(/http\(s\)/);
    expect(resourceUrlProblem('ftp://example.cn/a.doc')).toMatch(/http\(s\)/);
    expect(resourceUrlProblem('file:///etc/passwd')).toMatch(/http\(s\)/);
    expect(resourceUrlProblem('/relative/path')).toMatch(/absolute/);
    expect(resourceUrlProblem(`https://example.cn/${'a'.repeat(2000)}`)).toMatch(/at most 2000/);
  });

  it('requires a target school for outreach and refuses one elsewhere', () => {
    expect(targetSchoolProblem('OUTREACH', 'school-1')).toBeNull();
    expect(targetSchoolProblem('OUTREACH', null)).toMatch(/required/);
    expect(targetSchoolProblem('OUTREACH', '')).toMatch(/required/);
    expect(targetSchoolProblem('THEMED_RESEARCH', null)).toBeNull();
    expect(targetSchoolProblem('LIVE_STREAM', 'school-1')).toMatch(/only for OUTREACH/);
  });

  it('counts views as a whole number that never goes down', () => {
    expect(viewCountProblem(0)).toBeNull();
    expect(viewCountProblem(1200)).toBeNull();
    expect(viewCountProblem(-1)).toMatch(/0 or more/);
    expect(viewCountProblem(1.5)).toMatch(/whole number/);
    expect(viewsWouldShrink(99, 100)).toBe(true);
    expect(viewsWouldShrink(100, 100)).toBe(false);
    expect(viewsWouldShrink(101, 100)).toBe(false);
  });
});
