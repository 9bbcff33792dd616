import { AdvisoryInterview } from '../volunteers/advisory-interview.entity';
import { AgencySetting } from '../settings/agency-setting.entity';
import { AuditLog } from '../staff/audit-log.entity';
import { CallBackRequest } from '../help-seekers/call-back-request.entity';
import { CallTask } from '../help-seekers/call-task.entity';
import { ConsentRecord } from '../common/consent-record.entity';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { HelpRequestNote } from '../help-seekers/help-request-note.entity';
import { HelpSeeker } from '../help-seekers/help-seeker.entity';
import { HourEntry } from '../hours/hour-entry.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { Project } from '../opportunities/project.entity';
import { Placement } from '../placements/placement.entity';
import { PlacementEvent } from '../placements/placement-event.entity';
import { Match } from '../matching/match.entity';
import { VolunteerBlock } from '../matching/volunteer-block.entity';
import { Notification } from '../notifications/notification.entity';
import { UndeliverableAddress } from '../notifications/undeliverable-address.entity';
import { OutboxJob } from '../queue/outbox-job.entity';
import { PostalCode } from '../postal-codes/postal-code.entity';
import { Provider } from '../providers/provider.entity';
import { RetentionRun } from '../retention/retention-run.entity';
import { StaffPasswordLink } from '../staff/staff-password-link.entity';
import { StaffPasswordReset } from '../staff/staff-password-reset.entity';
import { StaffSession } from '../staff/staff-session.entity';
import { StaffUser } from '../staff/staff-user.entity';
import { Volunteer } from '../volunteers/volunteer.entity';
import { VolunteerRetentionCheck } from '../retention/volunteer-retention-check.entity';
import { DataImport } from '../transfer/data-import.entity';

export const ENTITIES = [
  AdvisoryInterview,
  AgencySetting,
  AuditLog,
  CallBackRequest,
  CallTask,
  ConsentRecord,
  HelpRequest,
  HelpRequestNote,
  HelpSeeker,
  HourEntry,
  Match,
  Notification,
  Opportunity,
  OutboxJob,
  Placement,
  PlacementEvent,
  PostalCode,
  Project,
  Provider,
  RetentionRun,
  StaffPasswordLink,
  StaffPasswordReset,
  StaffSession,
  StaffUser,
  UndeliverableAddress,
  Volunteer,
  VolunteerBlock,
  VolunteerRetentionCheck,
  DataImport,
];
