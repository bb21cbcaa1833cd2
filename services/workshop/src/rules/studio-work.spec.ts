import { isOpenForWork, isSupportTarget } from './studio-work';

describe('studio work', () => {
  it('is taken by proposed, running, rectifying and renewed studios, not by closed ones', () => {
    for (const status of ['PROPOSED', 'ACTIVE', 'RECTIFYING', 'RENEWED', 'REORGANIZED'] as const) {
      expect(isOpenForWork(status)).toBe(true);
    }
    for (const status of ['REVOKED', 'DISSOLVED', 'CONCLUDED'] as const) {
      expect(isOpenForWork(status)).toBe(false);
    }
  });

  it('reaches out to rural or weak schools only', () => {
    expect(isSupportTarget({ rural: true, weak: false })).toBe(true);
    expect(isSupportTarget({ rural: false, weak: true })).toBe(true);
    expect(isSupportTarget({ rural: true, weak: true })).toBe(true);
    expect(isSupportTarget({ rural: false, weak: false })).toBe(false);
  });
});
