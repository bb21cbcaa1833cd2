import { parse } from 'graphql';
import { enumOrder } from './enum-order';

const SDL = parse(`
  "Levels, highest first."
  enum WorkshopLevel { PROVINCE CITY COUNTY }
  type Query { level: WorkshopLevel }
`);

describe('enumOrder', () => {
  it('lists an enum’s values as the schema declares them, not alphabetically', () => {
    expect(enumOrder(SDL, 'WorkshopLevel')).toEqual(['PROVINCE', 'CITY', 'COUNTY']);
    expect(enumOrder(SDL, 'WorkshopLevel')).toBe(enumOrder(SDL, 'WorkshopLevel'));
  });

  it('refuses a name that is no enum of the schema', () => {
    expect(() => enumOrder(SDL, 'Query')).toThrow('No enum Query in the schema');
  });
});
