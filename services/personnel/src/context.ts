import type { SubgraphContext } from '@mingshi/subgraph-server';
import type { PersonnelLoaders } from './loaders';

/** Settings the personnel rules read at request time. */
export interface PersonnelSettings {
  requiredTrainingHours: number;
}

export interface PersonnelContext extends SubgraphContext {
  loaders: PersonnelLoaders;
  settings: PersonnelSettings;
}
