import { CreatePersonnelTables1732250000000 } from './1732250000000-create-personnel-tables';
import { LoadGbt2260Regions1732250000001 } from './1732250000001-load-gbt2260-regions';
import { CreatePersonnelInbox1732250000002 } from './1732250000002-create-personnel-inbox';
import { RollUpTrainingYears1732250000003 } from './1732250000003-roll-up-training-years';
import { IndexTeacherNameGrams1733013000000 } from './1733013000000-index-teacher-name-grams';
import { RebuildTeacherNameGrams1733100000000 } from './1733100000000-rebuild-teacher-name-grams';

/** In order; TypeORM records each in personnel.migrations and runs only the new ones. */
export const personnelMigrations = [
  CreatePersonnelTables1732250000000,
  LoadGbt2260Regions1732250000001,
  CreatePersonnelInbox1732250000002,
  RollUpTrainingYears1732250000003,
  IndexTeacherNameGrams1733013000000,
  RebuildTeacherNameGrams1733100000000,
];
