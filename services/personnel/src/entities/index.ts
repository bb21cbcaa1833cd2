import { PersonalDataAccessEntity } from './personal-data-access.entity';
import { RegionEntity } from './region.entity';
import { SchoolEntity } from './school.entity';
import { TalentTitleEntity } from './talent-title.entity';
import { TeacherEntity, type RuralServiceRecord } from './teacher.entity';
import { TrainingRecordEntity } from './training-record.entity';
import { TrainingYearEntity } from './training-year.entity';

export {
  PersonalDataAccessEntity,
  RegionEntity,
  SchoolEntity,
  TalentTitleEntity,
  TeacherEntity,
  type RuralServiceRecord,
  TrainingRecordEntity,
  TrainingYearEntity,
};

export const personnelEntities = [
  RegionEntity,
  SchoolEntity,
  TeacherEntity,
  TalentTitleEntity,
  TrainingRecordEntity,
  TrainingYearEntity,
  PersonalDataAccessEntity,
];
