import type { PersonnelDatasets, SectionContext } from '@mingshi/reports';

/** What every personnel section handler works with. */
export type PersonnelSectionContext = SectionContext<PersonnelDatasets>;
