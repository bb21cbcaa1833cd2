import { OperationLabels } from './graphql-metrics';
import { SERVICE_PARTS, partsLabel } from './process-parts';

describe('the operation label', () => {
  it('is the operation name, or anonymous without one', () => {
    const labels = new OperationLabels();
    expect(labels.of('TeachersPage')).toBe('TeachersPage');
    expect(labels.of(undefined)).toBe('anonymous');
    expect(labels.of(null)).toBe('anonymous');
    expect(labels.of('')).toBe('anonymous');
  });

  it('is other for a name that is not a plain GraphQL name of at most 64 characters', () => {
    const labels = new OperationLabels();
    expect(labels.of('a'.repeat(64))).toBe('a'.repeat(64));
    expect(labels.of('a'.repeat(65))).toBe('other');
    expect(labels.of('teachers page')).toBe('other');
    expect(labels.of('教师列表')).toBe('other');
    expect(labels.of('1st')).toBe('other');
  });

  it('is other for every new name once the limit of distinct names is reached, old names kept', () => {
    const labels = new OperationLabels(3);
    expect(['A', 'B', 'C'].map((name) => labels.of(name))).toEqual(['A', 'B', 'C']);
    expect(labels.of('D')).toBe('other');
    expect(labels.of('B')).toBe('B');
    expect(labels.of('E')).toBe('other');
  });
});

describe('the part label', () => {
  it('is all when a process runs every part of its service, else the parts it runs', () => {
    expect(partsLabel('finance', SERVICE_PARTS.finance)).toBe('all');
    expect(partsLabel('finance', ['relay'])).toBe('relay');
    expect(partsLabel('finance', ['consumer', 'relay'])).toBe('consumer,relay');
  });
});
