import { DateScalar, DateTimeScalar } from '@mingshi/graphql';
import type { Resolvers } from '../generated/resolvers-types';
import { Activity } from './Activity';
import { ActivityStatsGroup } from './ActivityStatsGroup';
import { Certificate } from './Certificate';
import { Membership } from './Membership';
import { Mutation } from './Mutation';
import { Outcome } from './Outcome';
import { OutcomeStatsGroup } from './OutcomeStatsGroup';
import { Region } from './Region';
import { Query } from './Query';
import { ResearchProject } from './ResearchProject';
import { ResearchProjectStatsGroup } from './ResearchProjectStatsGroup';
import { School } from './School';
import { SupportAgreement } from './SupportAgreement';
import { Teacher } from './Teacher';
import { TraineeApplication } from './TraineeApplication';
import { Workshop } from './Workshop';
import { WorkshopStatusChange } from './WorkshopStatusChange';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Workshop,
  WorkshopStatusChange,
  Membership,
  TraineeApplication,
  Activity,
  ActivityStatsGroup,
  ResearchProject,
  ResearchProjectStatsGroup,
  Outcome,
  OutcomeStatsGroup,
  SupportAgreement,
  Certificate,
  Teacher,
  School,
  Region,
};
