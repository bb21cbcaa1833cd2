import { DateScalar, DateTimeScalar } from '@mingshi/graphql';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';
import { School } from './School';
import { TalentTitle } from './TalentTitle';
import { Teacher } from './Teacher';
import { TeacherStatsGroup } from './TeacherStatsGroup';
import { TrainingRecord } from './TrainingRecord';
import { Viewer } from './Viewer';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Viewer,
  Region,
  School,
  Teacher,
  TeacherStatsGroup,
  TalentTitle,
  TrainingRecord,
};
