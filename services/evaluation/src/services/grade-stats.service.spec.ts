import path from 'node:path';
import { fieldEnumValues } from '@mingshi/testing';
import { GRADE_STATS_DIMENSIONS, readGradeQuestion } from './grade-stats.service';

const SCHEMA = path.join(__dirname, '../../schema.graphql');

describe('grade statistics dimensions', () => {
  it.each(Object.entries(GRADE_STATS_DIMENSIONS).filter(([, d]) => d.order !== 'value'))(
    'sorts %s in the declaration order of its enum',
    (_name, dimension) => {
      expect(dimension.order).toEqual(fieldEnumValues(SCHEMA, 'GradeStatsGroup', dimension.column));
    },
  );
});

describe('reading a grade statistic', () => {
  it('reads a year as a range of one, with the round kind and studio filters', () => {
    expect(readGradeQuestion({ year: 2025, kind: 'ANNUAL', type: 'PRINCIPAL' }, ['GRADE'])).toEqual({
      fromYear: 2025,
      toYear: 2025,
      kind: 'ANNUAL',
      level: null,
      type: 'PRINCIPAL',
      groupBy: ['GRADE'],
    });
  });

  it('refuses an inverted range, a year beside a range and a region code on a region', () => {
    expect(() => readGradeQuestion({ fromYear: 2025, toYear: 2024 }, [])).toThrow(
      'filter.toYear must not be before fromYear (2025)',
    );
    expect(() => readGradeQuestion({ year: 2025, fromYear: 2024 }, [])).toThrow(
      /filter.year asks for one year/,
    );
    expect(() => readGradeQuestion({ regionCode: '510403' }, [], { onRegion: true })).toThrow(
      /filter.regionCode must be left out/,
    );
  });
});
