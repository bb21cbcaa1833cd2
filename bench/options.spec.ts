import { loadAt, parseBenchOptions, type BenchOptions } from './options';

function parsed(args: string[]): BenchOptions {
  const options = parseBenchOptions(args);
  if ('problems' in options) throw new Error(options.problems.join('; '));
  return options;
}

describe('the bench command line', () => {
  it('measures a scale in its own database with the full durations by default', () => {
    expect(parsed(['--scale', 'province'])).toMatchObject({
      scale: 'province',
      database: 'mingshi_bench_province',
      duration: 10,
      warmup: 3,
      connections: 20,
      quick: false,
      events: { rate: 200, duration: 60, drain: 120 },
      cookbookRuns: 5,
      statementRequests: 10,
      reportFormat: 'XLSX',
    });
  });

  it('--quick runs every part briefly at county scale, in a database of its own', () => {
    expect(parsed(['--quick'])).toMatchObject({
      scale: 'county',
      database: 'mingshi_bench_quick',
      quick: true,
      duration: 1,
      warmup: 0,
      events: { rate: 20, duration: 2, drain: 30 },
      cookbookRuns: 1,
      statementRequests: 3,
      reportFormat: 'XLSX',
      skipScenarios: false,
    });
  });

  it('lets a given option win over what --quick would choose', () => {
    expect(
      parsed(['--quick', '--duration', '3', '--database', 'mine', '--events-duration', '0']),
    ).toMatchObject({
      duration: 3,
      database: 'mine',
      events: null,
    });
  });

  it('refuses --quick at another scale, and says what else is wrong', () => {
    const result = parseBenchOptions([
      '--quick',
      '--scale',
      'province',
      '--warmup=-1',
      '--database',
      'Bad-Name',
    ]);
    expect(result).toEqual({
      problems: [
        '--quick runs at county scale',
        '--warmup must be a whole number',
        '--database must be a lower-case PostgreSQL name (letters, digits, _)',
      ],
    });
  });

  it('refuses an option it does not know', () => {
    const result = parseBenchOptions(['--scale', 'county', '--fast']);
    expect('problems' in result && result.problems[0]).toMatch(/--fast/);
  });

  it('needs a scale without --quick', () => {
    expect(parseBenchOptions([])).toEqual({ problems: ['--scale must be county, city or province'] });
  });

  it('counts no statements when the scenarios are skipped', () => {
    expect(parsed(['--scale', 'county', '--skip-scenarios']).statementRequests).toBe(0);
  });
});

describe('one measured run', () => {
  it("lasts the run's duration", () => {
    expect(loadAt({ duration: 10, quick: false }, 100)).toEqual({ duration: 10, connections: 100 });
  });

  it('sends one request per caller in a quick run, ten at least, so that every one is answered', () => {
    expect(loadAt({ duration: 1, quick: true }, 100)).toEqual({ duration: 1, connections: 100, amount: 100 });
    expect(loadAt({ duration: 1, quick: true }, 1)).toEqual({ duration: 1, connections: 1, amount: 10 });
  });
});
