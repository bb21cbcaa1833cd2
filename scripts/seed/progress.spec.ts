import { describeLoad, describeStaging, streamProgress } from './progress';

describe('seed progress', () => {
  it('says what a load added, and "already loaded" rather than "0 of N new"', () => {
    expect(describeLoad('workshop.activity', { staged: 100_000, inserted: 100_000 }, 2)).toBe(
      'workshop.activity: 100,000 rows, 50,000 rows/s (2.0 s)',
    );
    expect(describeLoad('personnel.teacher', { staged: 1200, inserted: 1200 }, 0.1)).toBe(
      'personnel.teacher: 1,200 rows (0.1 s)',
    );
    expect(describeLoad('personnel.teacher', { staged: 1200, inserted: 0 }, 0.1)).toBe(
      'personnel.teacher: already loaded, 1,200 rows (0.1 s)',
    );
    expect(describeLoad('workshop.activity', { staged: 1000, inserted: 40 }, 0.2)).toBe(
      'workshop.activity: 40 new rows, 960 already loaded (0.2 s)',
    );
    expect(describeLoad('workshop.certificate', { staged: 0, inserted: 0 }, 0)).not.toMatch(/0 of 0/);
  });

  it('shows rows, their rate and the time left while a table loads', () => {
    expect(describeStaging('workshop.activity', 25_000, 100_000, 500)).toBe(
      'workshop.activity: 25,000 of 100,000 rows, 50,000 rows/s, about 2 s left',
    );
    expect(describeStaging('workshop.activity', 25_000, undefined, 500)).toBe(
      'workshop.activity: 25,000 rows, 50,000 rows/s',
    );
  });

  function stream(isTTY: boolean) {
    const written: string[] = [];
    const target = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    return { target, written };
  }

  it('redraws one line in place on a terminal and ends it with the summary', () => {
    const { target, written } = stream(true);
    const progress = streamProgress(target, '');
    progress.update('personnel.school', { phase: 'staging', staged: 10, total: 20 });
    progress.loaded('personnel.school', { staged: 20, inserted: 20 }, 0.1);
    expect(written.every((text) => text.startsWith('\r'))).toBe(true);
    expect(written.join('').split('\n')).toEqual([expect.stringContaining('personnel.school: 20 rows'), '']);
  });

  it('prints one plain line per table elsewhere', () => {
    const { target, written } = stream(false);
    const progress = streamProgress(target, '');
    progress.update('personnel.school', { phase: 'staging', staged: 10, total: 20 });
    progress.update('personnel.school', { phase: 'inserting', staged: 20, total: 20 });
    progress.loaded('personnel.school', { staged: 20, inserted: 0 }, 0.1);
    expect(written).toEqual(['personnel.school: already loaded, 20 rows (0.1 s)\n']);
  });
});
