import {
  certificateHoursProblem,
  certificateNumber,
  certificateYearProblem,
  completedCycle,
} from './certificates';

describe('completion certificates', () => {
  it('numbers certificates by jurisdiction, cycle and sequence', () => {
    expect(certificateNumber('510403', 2024, 7)).toBe('510403-2024-0007');
    expect(certificateNumber('530800', 2021, 12345)).toBe('530800-2021-12345');
  });

  it('accepts hours within (0, 200] to one decimal', () => {
    expect(certificateHoursProblem(48)).toBeNull();
    expect(certificateHoursProblem(0)).toMatch(/greater than 0/);
    expect(certificateHoursProblem(201)).toMatch(/at most 200/);
    expect(certificateHoursProblem(1.25)).toMatch(/one decimal/);
  });

  it('counts the hours towards a year of the cycle or the year after', () => {
    expect(certificateYearProblem(2024, 2024)).toBeNull();
    expect(certificateYearProblem(2027, 2024)).toBeNull();
    expect(certificateYearProblem(2023, 2024)).toMatch(/2024 and 2027/);
    expect(certificateYearProblem(2028, 2024)).toMatch(/2024 and 2027/);
  });

  it('treats trainees who left before the last year of the cycle as not completed', () => {
    expect(completedCycle({ leftOn: null }, 2024)).toBe(true);
    expect(completedCycle({ leftOn: '2026-12-31' }, 2024)).toBe(true);
    expect(completedCycle({ leftOn: '2025-03-01' }, 2024)).toBe(false);
  });
});
