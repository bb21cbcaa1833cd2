import { Role, type Principal } from '@mingshi/auth';
import { studioRegions } from './studio-visibility';

const office = (role: Role, regionCode: string): Principal => ({ userId: 'u', roles: [role], regionCode });

/** 西区 510403 and 东区 510402 lie in 攀枝花市 510400, in 四川省 510000. */
const WEST = office(Role.COUNTY_OFFICE, '510403');
const CITY = office(Role.CITY_OFFICE, '510400');

describe('which studios a list covers', () => {
  it("covers a county's own studios and those its city and province founded", () => {
    expect(studioRegions(WEST)).toEqual({ lo: '510403', hi: '510403', ancestors: ['510400', '510000'] });
    expect(studioRegions(CITY)).toEqual({ lo: '510400', hi: '510499', ancestors: ['510000'] });
    expect(studioRegions(office(Role.PROVINCE_OFFICE, '510000'))).toEqual({
      lo: '510000',
      hi: '519999',
      ancestors: [],
    });
  });

  it('keeps the founding jurisdictions inside a requested region', () => {
    expect(studioRegions(WEST, '510400')).toEqual({ lo: '510403', hi: '510403', ancestors: ['510400'] });
    expect(studioRegions(WEST, '510000')).toEqual({
      lo: '510403',
      hi: '510403',
      ancestors: ['510400', '510000'],
    });
    expect(studioRegions(WEST, '510403')).toEqual({ lo: '510403', hi: '510403', ancestors: [] });
    expect(studioRegions(CITY, '510403')).toEqual({ lo: '510403', hi: '510403', ancestors: [] });
  });

  it('covers nothing for a region beside the caller', () => {
    expect(studioRegions(WEST, '510402')).toBeNull();
    expect(studioRegions(CITY, '510100')).toBeNull();
    expect(studioRegions(WEST, '520000')).toBeNull();
    expect(studioRegions(WEST, '5104')).toBeNull();
  });

  it('lets the system principal see every studio', () => {
    expect(studioRegions({ userId: 's', roles: [Role.SYSTEM], regionCode: '000000' })).toEqual({
      lo: '000000',
      hi: '999999',
      ancestors: [],
    });
  });
});
