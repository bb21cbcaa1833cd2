import type { SubgraphContext } from '@mingshi/subgraph-server';
import type { WorkshopLoaders } from './loaders';
import type { PersonnelClient } from './personnel-client';
import type { MinimumTitle } from './rules/host-eligibility';
import type { WorkshopLevel } from './generated/resolvers-types';

/** Settings the workshop rules read at request time. */
export interface WorkshopSettings {
  maxMembers: number;
  maxTrainees: number;
  hostMinimumTitles: Record<WorkshopLevel, MinimumTitle>;
}

export interface WorkshopContext extends SubgraphContext {
  loaders: WorkshopLoaders;
  settings: WorkshopSettings;
  /** Personnel, asked on the caller's behalf (teachers, schools, titles). */
  personnel: PersonnelClient;
}
