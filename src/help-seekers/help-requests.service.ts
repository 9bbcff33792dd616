import { firstStartOf } from '../shared/schedule-start';
import { currentRequestId } from '../common/request-context';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { ConsentMode, ConsentRecord, PRIVACY_TEXT_VERSION } from '../common/consent-record.entity';
import { DomainError, NotFoundError } from '../shared/domain-error';
import { orderedPriorityGroups } from '../shared/statistics-fields';
import { isValidSchedule } from '../shared/schedule';
import type { RequestSchedule } from '../shared/schedule';
import { locationColumns, PostalCodesService } from '../postal-codes/postal-codes.service';
import { OutboxService } from '../queue/outbox.service';
import { MATCH_REQUEST_JOB, MATCHING_QUEUE, matchRequestJobId } from '../queue/job-contracts';
import type { AuditValue } from '../staff/audit-log.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { HelpRequest, RequestSource } from './help-request.entity';
import { HelpSeeker } from './help-seeker.entity';
import {
  HelpRequestDetailsDto,
  HelpSeekerDto,
  ProviderHelpRequestDto,
  PublicHelpRequestDto,
  StaffHelpRequestDto,
  StaffHelpSeekerDto,
} from './dto/create-help-request.dto';
import { Provider } from '../providers/provider.entity';
import { ScheduleDto } from './dto/schedule.dto';
import { MatchingSettingsService } from '../settings/matching-settings.service';

export interface CreatedHelpRequest {
  id: string;
  status: HelpRequest['status'];
}

interface Intake {
  source: RequestSource;
  /** False: the request waits in staff review (`in-review`) and no matching job is queued. */
  matchNow: boolean;
  details: PublicHelpRequestDto | StaffHelpRequestDto;
  consentMode: ConsentMode;
  staff: AuthenticatedStaff | null;
  /**
   * A known help-seeker calls again: the request is theirs; their name and contact ways stay as
   * stored, what was given for this request is kept (see applyToKnownPerson).
   */
  existingHelpSeekerId?: string;
  /** Runs in the same transaction once the request exists (e.g. a call-back marked completed). */
  alsoWithin?: (manager: EntityManager, requestId: string) => Promise<void>;
}

function toSchedule(dto: ScheduleDto): RequestSchedule {
  return dto.kind === 'one-off'
    ? { kind: 'one-off', date: dto.date ?? '', start: dto.start ?? '', end: dto.end ?? '' }
    : {
        kind: 'weekly',
        ...(dto.from ? { from: dto.from } : {}),
        slots: (dto.slots ?? []).map(({ weekday, start, end }) => ({ weekday, start, end })),
        ...(dto.from !== undefined ? { from: dto.from } : {}),
      };
}

@Injectable()
export class HelpRequestsService {
  constructor(
    // DataSource, not repositories: A new request, its help-seeker, consents and its matching job are written in one transaction (with the outbox).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postalCodes: PostalCodesService,
    private readonly taxonomy: TaxonomyService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly settings: MatchingSettingsService,
  ) {}

  /**
   * The public form. By default (agency setting) the request waits for staff review. (A call-back
   * is no request yet: see CallBacksService.)
   */
  async submitPublic(dto: PublicHelpRequestDto): Promise<CreatedHelpRequest> {
    const { reviewPublicRequestsFirst } = await this.settings.get();
    return this.intake({
      source: 'public-form',
      matchNow: !reviewPublicRequestsFirst,
      details: dto,
      consentMode: 'online',
      staff: null,
    });
  }

  /**
   * `existingHelpSeekerId` (or the DTO's `helpSeekerId`): staff picked a known person (search or
   * duplicate check) instead of a new one. `callBack`: the request completes a call-back, in the
   * same transaction (source 'call-back').
   */
  recordPhoneIntake(
    dto: StaffHelpRequestDto,
    staff: AuthenticatedStaff,
    existingHelpSeekerId?: string,
    callBack?: { alsoWithin: (manager: EntityManager, requestId: string) => Promise<void> },
  ): Promise<CreatedHelpRequest> {
    return this.intake({
      source: callBack ? 'call-back' : 'phone-intake',
      matchNow: true,
      details: dto,
      consentMode: 'oral',
      staff,
      existingHelpSeekerId: existingHelpSeekerId ?? dto.helpSeekerId,
      alsoWithin: callBack?.alsoWithin,
    });
  }

  /** A provider looks for a volunteer for one of its opportunities; it goes through the same matching. */
  async recordForProvider(
    providerId: string,
    dto: ProviderHelpRequestDto,
    staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    const provider = await this.dataSource.getRepository(Provider).findOneBy({ id: providerId });
    if (!provider) {
      throw new NotFoundError('provider', providerId);
    }
    const fields = await this.checkedRequestFields(dto, dto.neededSkills);
    return this.store(staff, true, async (manager) =>
      manager.save(
        manager.create(HelpRequest, {
          ...fields,
          providerId,
          source: 'provider',
          streetAddress: dto.streetAddress ?? provider.streetAddress,
          requiresCertificate:
            dto.requiresCertificate ?? this.taxonomy.requiresCertificateByDefault(dto.category),
          volunteerSummary: dto.volunteerSummary?.trim() || null,
          createdByStaffId: staff.id,
        }),
      ),
    );
  }

  /** Help-seeker, consent and request together: the public form and phone intake. */
  private async intake({
    source,
    matchNow,
    details,
    consentMode,
    staff,
    existingHelpSeekerId,
    alsoWithin,
  }: Intake): Promise<CreatedHelpRequest> {
    const fields = await this.checkedRequestFields(
      details,
      'neededSkills' in details ? details.neededSkills : undefined,
    );
    this.checkHealthConsent(details.helpSeeker, details.consent.healthData === true);
    if (staff === null) {
      return this.storePublic(fields, details, matchNow);
    }
    const staffDetails = details as StaffHelpRequestDto;
    return this.store(staff, matchNow, async (manager) => {
      const seeker = existingHelpSeekerId
        ? await manager.findOneBy(HelpSeeker, { id: existingHelpSeekerId })
        : await this.createHelpSeeker(manager, details.helpSeeker, details.postalCode);
      if (!seeker) {
        throw new NotFoundError('help-seeker', existingHelpSeekerId ?? '');
      }
      if (existingHelpSeekerId) {
        await this.applyToKnownPerson(manager, seeker, details.helpSeeker, staff);
      }
      await this.recordConsent(manager, seeker.id, consentMode, details.consent.healthData === true, staff);
      const request = await manager.save(
        manager.create(HelpRequest, {
          ...fields,
          ...(matchNow ? {} : { status: 'in-review' as const, matchingRound: 0 }),
          helpSeekerId: seeker.id,
          source,
          // What was typed for this request wins over what is stored for the person.
          streetAddress:
            staffDetails.streetAddress?.trim() ||
            details.helpSeeker.streetAddress?.trim() ||
            seeker.streetAddress,
          requiresCertificate:
            staffDetails.requiresCertificate ?? this.taxonomy.requiresCertificateByDefault(details.category),
          volunteerSummary: staffDetails.volunteerSummary?.trim() || null,
          createdByStaffId: staff?.id ?? null,
        }),
      );
      await alsoWithin?.(manager, request.id);
      return request;
    });
  }

  /**
   * A known person: name and contact ways stay as stored (that is how staff recognised them); what
   * was given in this call is kept: accessibility needs (their consent is recorded with them), a
   * contact person, a salutation, a street where none was stored. Audited with before and after.
   */
  private async applyToKnownPerson(
    manager: EntityManager,
    seeker: HelpSeeker,
    given: StaffHelpSeekerDto,
    staff: AuthenticatedStaff,
  ): Promise<void> {
    const changes: Partial<HelpSeeker> = {};
    const needs = given.accessibilityNeeds ?? [];
    if (needs.length > 0) {
      const merged = [...new Set([...seeker.accessibilityNeeds, ...needs])];
      if (merged.length !== seeker.accessibilityNeeds.length) {
        changes.accessibilityNeeds = merged;
      }
    }
    // Groups said in this call are added; one not mentioned again is not taken away.
    const groups = orderedPriorityGroups([...seeker.priorityGroups, ...(given.priorityGroups ?? [])]);
    if (groups.length !== seeker.priorityGroups.length) {
      changes.priorityGroups = groups;
    }
    if (given.contactPerson) {
      changes.contactPersonName = given.contactPerson.name.trim();
      changes.contactPersonRelationship = given.contactPerson.relationship;
      changes.contactPersonPhone = given.contactPerson.phone.trim();
    }
    if (given.salutation && given.salutation !== 'none' && given.salutation !== seeker.salutation) {
      changes.salutation = given.salutation;
    }
    if (!seeker.streetAddress && given.streetAddress?.trim()) {
      changes.streetAddress = given.streetAddress.trim();
    }
    const keys = (Object.keys(changes) as (keyof HelpSeeker)[]).filter(
      (key) => JSON.stringify(changes[key]) !== JSON.stringify(seeker[key]),
    );
    if (keys.length === 0) {
      return;
    }
    const audited = (from: Partial<HelpSeeker>) =>
      JSON.parse(
        JSON.stringify(Object.fromEntries(keys.map((key) => [key, from[key] ?? null]))),
      ) as AuditValue;
    const before = audited(seeker);
    const after = audited(changes);
    await manager.update(HelpSeeker, { id: seeker.id }, changes);
    await this.audit.record(
      {
        staffUserId: staff.id,
        action: 'help-seeker.updated',
        entityType: 'help-seeker',
        entityId: seeker.id,
        details: { before, after, via: 'intake' },
      },
      manager,
    );
  }

  /** Checks what every request needs and locates it; a bad field is a 400 before anything is stored. */
  private async checkedRequestFields(details: HelpRequestDetailsDto, neededSkills: string[] | undefined) {
    const schedule = this.checkedSchedule(details.schedule, new Date());
    this.taxonomy.assertKnown('categories', [details.category], 'category');
    const skills = neededSkills?.length ? neededSkills : this.taxonomy.skillsOfCategory(details.category);
    this.taxonomy.assertKnown('skills', skills, 'neededSkills');
    const location = await this.postalCodes.locate(details.postalCode, 'postalCode');
    return {
      category: details.category,
      description: details.description.trim(),
      neededSkills: skills,
      neededLanguage: details.neededLanguage ?? null,
      schedule,
      urgency: details.urgency ?? 'normal',
      status: 'matching' as const,
      matchingRound: 1,
      ...locationColumns(location),
    };
  }

  /**
   * Stores the request (and whatever `create` writes with it) and its matching job in one
   * transaction, then tries to hand the job to Redis at once; if Redis is down, the relay does later.
   */
  private async store(
    staff: AuthenticatedStaff | null,
    matchNow: boolean,
    create: (manager: EntityManager) => Promise<HelpRequest>,
  ): Promise<CreatedHelpRequest> {
    const created = await this.dataSource.transaction(async (manager) => {
      const request = await create(manager);
      if (staff) {
        await this.audit.record(
          {
            staffUserId: staff.id,
            action: 'help-request.created',
            entityType: 'help-request',
            entityId: request.id,
            details: { source: request.source },
          },
          manager,
        );
      }
      if (!matchNow) {
        return { jobId: null, requestId: request.id };
      }
      const jobId = matchRequestJobId(request.id, 1);
      await this.outbox.add(manager, {
        queue: MATCHING_QUEUE,
        jobName: MATCH_REQUEST_JOB,
        jobId,
        payload: { requestId: request.id, round: 1 },
      });
      return { jobId, requestId: request.id };
    });
    this.outbox.relaySoon([created.jobId]);
    return { id: created.requestId, status: matchNow ? 'matching' : 'in-review' };
  }

  /**
   * The public form's write in ONE statement (help-seeker, consent, request and, when matching
   * starts at once, its outbox job): atomic like a transaction, but one round trip instead of six,
   * because this endpoint takes the public's load (see bench/public.ts).
   */
  private async storePublic(
    fields: Awaited<ReturnType<HelpRequestsService['checkedRequestFields']>>,
    details: PublicHelpRequestDto | StaffHelpRequestDto,
    matchNow: boolean,
  ): Promise<CreatedHelpRequest> {
    const seeker = details.helpSeeker;
    // Ids made here, so the job id is known before the statement runs.
    const id = randomUUID();
    const jobId = matchRequestJobId(id, 1);
    const purposes =
      details.consent.healthData === true ? ['data-processing', 'health-data'] : ['data-processing'];
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH seeker AS (
         INSERT INTO help_seeker (name, phone, email, street_address, postal_code, preferred_contact,
                                  preferred_language, accessibility_needs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[]) RETURNING id
       ), consent AS (
         INSERT INTO consent_record (subject_type, subject_id, purpose, mode, text_version, given_at)
         SELECT 'help-seeker', seeker.id, purpose, 'online', $9, now() FROM seeker, unnest($10::text[]) AS purpose
       ), request AS (
         INSERT INTO help_request (id, help_seeker_id, source, category, description, street_address, needed_skills,
                                   needed_language, schedule, urgency, status, matching_round, postal_code,
                                   latitude, longitude, district, starts_at, requires_certificate)
         SELECT $25::uuid, seeker.id, 'public-form', $11, $12, $4, $13::text[], $14, $15::jsonb, $16, $17, $18, $5, $19, $20, $21, $28, $30
           FROM seeker RETURNING id
       ), job AS (
         INSERT INTO outbox_job (queue, job_name, job_id, payload, request_id)
         SELECT $22, $23, $26, $27::jsonb, $29 FROM request WHERE $24::boolean
       )
       SELECT id FROM request`,
      [
        seeker.name.trim(),
        seeker.phone?.trim() ?? null,
        seeker.email?.trim().toLowerCase() ?? null,
        seeker.streetAddress?.trim() ?? null,
        fields.postalCode,
        seeker.preferredContact,
        seeker.preferredLanguage ?? 'de',
        seeker.accessibilityNeeds ?? [],
        PRIVACY_TEXT_VERSION,
        purposes,
        fields.category,
        fields.description,
        fields.neededSkills,
        fields.neededLanguage,
        JSON.stringify(fields.schedule),
        fields.urgency,
        matchNow ? 'matching' : 'in-review',
        matchNow ? 1 : 0,
        fields.latitude,
        fields.longitude,
        fields.district,
        MATCHING_QUEUE,
        MATCH_REQUEST_JOB,
        matchNow,
        id,
        jobId,
        JSON.stringify({ requestId: id, round: 1 }),
        // This raw INSERT bypasses the entity hook that keeps starts_at in step with the schedule.
        firstStartOf(fields.schedule, new Date()),
        // Like OutboxService.add: the worker's lines for this job carry the request's id, whichever
        // process relays it (relaySoon here, or the worker's poller first when it is busy).
        currentRequestId() ?? null,
        // Like staff intake: the category decides whether an eFZ is needed (homework help: yes).
        this.taxonomy.requiresCertificateByDefault(fields.category),
      ],
    );
    if (rows.length !== 1) {
      throw new Error('the help request was not stored');
    }
    if (matchNow) {
      this.outbox.relaySoon([jobId]);
    }
    return { id, status: matchNow ? 'matching' : 'in-review' };
  }

  private checkedSchedule(dto: ScheduleDto, now: Date): RequestSchedule {
    const schedule = toSchedule(dto);
    if (!isValidSchedule(schedule)) {
      throw new DomainError(
        'invalid-schedule',
        'the end must come after the start, on a real date',
        'schedule',
      );
    }
    if (schedule.kind === 'one-off' && schedule.date < berlinDateOf(now)) {
      throw new DomainError('invalid-schedule', 'the date lies in the past', 'schedule.date');
    }
    return schedule;
  }

  /** Accessibility needs are health data (GDPR Art. 9): kept only with explicit consent. */
  private checkHealthConsent(seeker: HelpSeekerDto, healthConsent: boolean): void {
    if ((seeker.accessibilityNeeds?.length ?? 0) > 0 && !healthConsent) {
      throw new DomainError(
        'health-consent-missing',
        'accessibility needs can only be stored with explicit consent to health data',
        'consent.healthData',
      );
    }
  }

  private createHelpSeeker(
    manager: EntityManager,
    dto: StaffHelpSeekerDto,
    postalCode: string,
  ): Promise<HelpSeeker> {
    return manager.save(
      manager.create(HelpSeeker, {
        name: dto.name.trim(),
        phone: dto.phone?.trim() ?? null,
        email: dto.email?.trim().toLowerCase() ?? null,
        streetAddress: dto.streetAddress?.trim() ?? null,
        postalCode,
        preferredContact: dto.preferredContact,
        preferredLanguage: dto.preferredLanguage ?? 'de',
        accessibilityNeeds: dto.accessibilityNeeds ?? [],
        priorityGroups: orderedPriorityGroups(dto.priorityGroups ?? []),
        salutation: dto.salutation ?? 'none',
        contactPersonName: dto.contactPerson?.name.trim() ?? null,
        contactPersonRelationship: dto.contactPerson?.relationship ?? null,
        contactPersonPhone: dto.contactPerson?.phone.trim() ?? null,
      }),
    );
  }

  private async recordConsent(
    manager: EntityManager,
    helpSeekerId: string,
    mode: ConsentMode,
    healthData: boolean,
    staff: AuthenticatedStaff | null,
  ): Promise<void> {
    const purposes = healthData
      ? (['data-processing', 'health-data'] as const)
      : (['data-processing'] as const);
    await manager.insert(
      ConsentRecord,
      purposes.map((purpose) => ({
        subjectType: 'help-seeker' as const,
        subjectId: helpSeekerId,
        purpose,
        mode,
        textVersion: PRIVACY_TEXT_VERSION,
        recordedByStaffId: staff?.id ?? null,
        givenAt: new Date(),
      })),
    );
  }
}
