import { mergeReports, type JestReport } from './jest-reports';

const report = (passed: number, failed: number, name: string): JestReport => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numRuntimeErrorTestSuites: 0,
  startTime: 1,
  success: failed === 0,
  testResults: [{ name }],
});

describe('merging the reports of npm test’s jest runs', () => {
  it('sums the counts, joins the results and succeeds only when every run did', () => {
    const merged = mergeReports([report(10, 0, 'a'), report(3, 1, 'b')]);
    expect(merged).toMatchObject({
      numPassedTests: 13,
      numFailedTests: 1,
      numRuntimeErrorTestSuites: 0,
      startTime: 1,
      success: false,
      testResults: [{ name: 'a' }, { name: 'b' }],
    });
    expect(mergeReports([report(10, 0, 'a'), report(3, 0, 'b')]).success).toBe(true);
  });

  it('counts a run that wrote no report as a suite that could not run', () => {
    const merged = mergeReports([report(10, 0, 'a'), null]);
    expect(merged).toMatchObject({ numPassedTests: 10, numRuntimeErrorTestSuites: 1, success: false });
  });
});
