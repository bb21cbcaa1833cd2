import { ActivityParticipantEntity } from './activity-participant.entity';
import { ActivityEntity, type ActivityResourceRecord } from './activity.entity';
import { CertificateEntity } from './certificate.entity';
import { MembershipEntity } from './membership.entity';
import { OutcomeAuthorEntity } from './outcome-author.entity';
import { OutcomeEntity } from './outcome.entity';
import { ResearchProjectEntity } from './research-project.entity';
import { SupportAgreementEntity } from './support-agreement.entity';
import { TraineeApplicationEntity } from './trainee-application.entity';
import { WorkshopStatusChangeEntity } from './workshop-status-change.entity';
import { WorkshopEntity } from './workshop.entity';

export {
  ActivityEntity,
  ActivityParticipantEntity,
  CertificateEntity,
  MembershipEntity,
  OutcomeAuthorEntity,
  OutcomeEntity,
  ResearchProjectEntity,
  SupportAgreementEntity,
  TraineeApplicationEntity,
  WorkshopEntity,
  WorkshopStatusChangeEntity,
  type ActivityResourceRecord,
};

export const workshopEntities = [
  WorkshopEntity,
  WorkshopStatusChangeEntity,
  MembershipEntity,
  TraineeApplicationEntity,
  ActivityEntity,
  ActivityParticipantEntity,
  ResearchProjectEntity,
  OutcomeEntity,
  OutcomeAuthorEntity,
  SupportAgreementEntity,
  CertificateEntity,
];
