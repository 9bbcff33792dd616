import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { submittedOrFinerSlots } from '../shared/parts-of-day';
import { ConsentRecord, PRIVACY_TEXT_VERSION } from '../common/consent-record.entity';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import { isValidSlot } from '../shared/schedule';
import { locationColumns, PostalCodesService } from '../postal-codes/postal-codes.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import {
  CreateVolunteerDto,
  PublicVolunteerSignUpDto,
  RecordCertificateDto,
  UpdateVolunteerDto,
} from './dto/create-volunteer.dto';
import { OutboxService } from '../queue/outbox.service';
import {
  MATCHING_QUEUE,
  RECHECK_VOLUNTEER_JOB,
  RELEASE_VOLUNTEER_JOB,
  recheckVolunteerJobId,
  releaseVolunteerJobId,
} from '../queue/job-contracts';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { parseQuietHours } from '../notifications/domain/send-schedule';
import {
  emailConfirmationKey,
  emailFingerprint,
  selfServiceLinkKey,
  volunteerDeactivatedKey,
} from '../notifications/domain/notification-keys';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import type { VolunteerPreferences } from './dto/self-service.dto';
import { Volunteer } from './volunteer.entity';
import type { VolunteerStatus } from '../shared/volunteer-profile';
import type { WeeklySlot } from '../shared/schedule';

export type EmailConfirmationOutcome = 'confirmed' | 'already-confirmed' | 'address-changed' | 'unknown';
export type PauseOffersOutcome = 'paused' | 'already-paused' | 'unknown';

const UNIQUE_VIOLATION = '23505';

/** The volunteer row, locked for the rest of the transaction (null when unknown). */
const lockVolunteer = (manager: EntityManager, id: string): Promise<Volunteer | null> =>
  manager.findOne(Volunteer, { where: { id }, lock: { mode: 'pessimistic_write' } });

@Injectable()
export class VolunteersService {
  constructor(
    // DataSource, not repositories: A change writes the volunteer, consent records, emails and re-check jobs (outbox) in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postalCodes: PostalCodesService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationOutbox,
    private readonly abuse: AbuseProtectionService,
  ) {}

  register(dto: CreateVolunteerDto, staff: AuthenticatedStaff): Promise<Volunteer> {
    return this.create(dto, staff);
  }

  /**
   * Sign-up on the public page: always pending until staff activate the volunteer after the intake
   * conversation, and the address confirmed by double opt-in. An address that is already registered
   * gets the same answer on the page, so the form tells no one who is registered; its owner gets
   * the link to their own page by email instead (at most one an hour), and nothing changes.
   */
  async signUp(dto: PublicVolunteerSignUpDto): Promise<void> {
    try {
      await this.create({ ...dto, status: 'pending', emailVerifiedByStaff: false }, null);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'email-taken')) {
        throw error;
      }
      await this.sendSelfServiceLink(dto.email);
    }
  }

  private async create(dto: CreateVolunteerDto, staff: AuthenticatedStaff | null): Promise<Volunteer> {
    this.checkProfile(dto);
    const location = await this.postalCodes.locate(dto.postalCode);
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        const volunteer = await manager.save(
          manager.create(Volunteer, {
            name: dto.name.trim(),
            email: dto.email.trim().toLowerCase(),
            phone: dto.phone?.trim() ?? null,
            languages: dto.languages.map(({ code, level }) => ({ code, level })),
            languageCodes: [...new Set(dto.languages.map((language) => language.code))],
            skills: [...new Set(dto.skills)],
            interests: dto.interests ?? [],
            ...locationColumns(location),
            maxTravelKm: dto.maxTravelKm,
            availability: dto.availability.map(({ weekday, start, end }) => ({ weekday, start, end })),
            maxOpenAssignments: dto.maxOpenAssignments ?? 2,
            maxOffersPerWeek: dto.maxOffersPerWeek ?? 3,
            birthDate: dto.birthDate ?? null,
            gender: dto.gender ?? null,
            awayUntil: dto.awayUntil ?? null,
            status: dto.status ?? 'pending',
            locale: dto.locale ?? 'de',
            offerDelivery: dto.offerDelivery ?? 'immediate',
            ...(dto.quietHours !== undefined ? { quietHours: dto.quietHours } : {}),
            emailConfirmedAt: dto.emailVerifiedByStaff ? new Date() : null,
            // Registered active right away (API): welcomed in the conversation, no welcome email
            // later. The console registers pending and then activates, which sends it.
            welcomeSentAt: dto.status === 'active' ? new Date() : null,
          }),
        );
        // Staff register volunteers after the intake conversation, where consent is given orally;
        // on the public page it is given online.
        await manager.insert(ConsentRecord, {
          subjectType: 'volunteer',
          subjectId: volunteer.id,
          purpose: 'volunteer-pool',
          mode: staff ? 'oral' : 'online',
          textVersion: PRIVACY_TEXT_VERSION,
          recordedByStaffId: staff?.id ?? null,
          givenAt: new Date(),
        });
        await this.audit.record(
          {
            staffUserId: staff?.id ?? null,
            action: staff ? 'volunteer.registered' : 'volunteer.signed-up',
            entityType: 'volunteer',
            entityId: volunteer.id,
            details: { emailVerifiedByStaff: dto.emailVerifiedByStaff ?? false },
          },
          manager,
        );
        // Double opt-in: the volunteer confirms the address from the email before any offer.
        const confirmation =
          volunteer.emailConfirmedAt === null
            ? await this.notifications.queue(manager, {
                kind: 'volunteer-email-confirmation',
                subjectId: emailConfirmationKey(volunteer.id, volunteer.email),
                recipient: volunteer.email,
                locale: volunteer.locale,
              })
            : null;
        return { volunteer, jobIds: [await this.queueRecheck(manager, volunteer), confirmation] };
      });
      this.outbox.relaySoon(created.jobIds);
      return created.volunteer;
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new DomainError('email-taken', 'a volunteer with this email is already registered', 'email');
      }
      throw error;
    }
  }

  /**
   * The magic link (account scope, short-lived) to the self-service page, for a registered
   * address; nothing for an unknown one (the page answers the same). At most one email per address
   * and hour (Redis, and the notification's key per hour as a second line).
   *
   * Constant work whether the address is known or not, and nothing lost in a crash: the request
   * writes the email to the notifications outbox for any address, in the same transaction as its
   * send job; the worker's composer looks the address up and cancels the email (and forgets the
   * address) when nobody has it.
   */
  async sendSelfServiceLink(email: string, now = new Date()): Promise<void> {
    const address = email.trim().toLowerCase();
    if (!(await this.abuse.firstEmailThisHour('self-service-link', address))) {
      return;
    }
    const jobId = await this.dataSource.transaction((manager) =>
      this.notifications.queue(manager, {
        kind: 'volunteer-self-service-link',
        subjectId: selfServiceLinkKey(address, now),
        recipient: address,
        // The composer writes in the volunteer's own language; the form does not know it.
        locale: 'de',
      }),
    );
    this.outbox.relaySoon([jobId]);
  }

  /**
   * Asked for on the settings page (footer link): the account link by email to the volunteer's
   * own address, never shown on the page, so a forwarded footer link cannot open the account.
   */
  async requestAccountLink(volunteerId: string): Promise<void> {
    const volunteer = await this.get(volunteerId);
    await this.sendSelfServiceLink(volunteer.email);
  }

  /**
   * Raises the volunteer's link version: every link sent so far (offers, follow-ups, settings,
   * account, unsubscribe, opt-in) is refused from now on. By the volunteer (staff null) or by staff;
   * audited with the versions before and after.
   */
  async revokeLinks(volunteerId: string, staff: AuthenticatedStaff | null): Promise<Volunteer> {
    return this.dataSource.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, volunteerId);
      if (!volunteer || volunteer.erasedAt !== null) {
        throw new NotFoundError('volunteer', volunteerId);
      }
      const before = volunteer.linkVersion;
      await manager.update(Volunteer, volunteerId, { linkVersion: before + 1 });
      await this.audit.record(
        {
          staffUserId: staff?.id ?? null,
          action: 'volunteer.links-revoked',
          entityType: 'volunteer',
          entityId: volunteerId,
          details: { before: { linkVersion: before }, after: { linkVersion: before + 1 } },
        },
        manager,
      );
      return { ...volunteer, linkVersion: before + 1 };
    });
  }

  /** Changes the profile; when the volunteer may now fit open requests, they are re-checked. */
  async update(id: string, dto: UpdateVolunteerDto, staff: AuthenticatedStaff): Promise<Volunteer> {
    this.checkProfile(dto);
    const location = dto.postalCode ? await this.postalCodes.locate(dto.postalCode) : null;
    const updated = await this.dataSource.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, id);
      if (!volunteer) {
        throw new NotFoundError('volunteer', id);
      }
      const previousStatus = volunteer.status;
      Object.assign(volunteer, {
        ...dto,
        ...(dto.name ? { name: dto.name.trim() } : {}),
        ...(dto.languages
          ? {
              languages: dto.languages.map(({ code, level }) => ({ code, level })),
              languageCodes: [...new Set(dto.languages.map((language) => language.code))],
            }
          : {}),
        ...(dto.skills ? { skills: [...new Set(dto.skills)] } : {}),
        ...(dto.availability
          ? { availability: dto.availability.map(({ weekday, start, end }) => ({ weekday, start, end })) }
          : {}),
        ...(location ? locationColumns(location) : {}),
      });
      const saved = await manager.save(volunteer);
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'volunteer.updated',
          entityType: 'volunteer',
          entityId: id,
          details: { fields: Object.keys(dto).join(',') },
        },
        manager,
      );
      const release = await this.queueReleaseOnLeaving(manager, saved, previousStatus);
      const told = await this.queueStatusEmail(manager, saved, previousStatus);
      return { volunteer: saved, jobIds: [await this.queueRecheck(manager, saved), release, told] };
    });
    this.outbox.relaySoon(updated.jobIds);
    return updated.volunteer;
  }

  async list(status: VolunteerStatus | undefined, limit: number): Promise<Volunteer[]> {
    return this.dataSource.getRepository(Volunteer).find({
      where: status ? { status } : {},
      order: { name: 'ASC' },
      take: limit,
    });
  }

  /** The volunteers with these ids (any order; missing ones left out). */
  manyById(ids: string[]): Promise<Volunteer[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.dataSource.getRepository(Volunteer).findBy({ id: In(ids) });
  }

  async get(id: string): Promise<Volunteer> {
    const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id });
    if (!volunteer) {
      throw new NotFoundError('volunteer', id);
    }
    return volunteer;
  }

  changeStatus(id: string, status: VolunteerStatus, staff: AuthenticatedStaff): Promise<Volunteer> {
    return this.update(id, { status }, staff);
  }

  async recordCertificate(
    id: string,
    dto: RecordCertificateDto,
    staff: AuthenticatedStaff,
  ): Promise<Volunteer> {
    if (dto.inspectedOn > berlinDateOf(new Date())) {
      throw new ConflictError('the inspection date lies in the future');
    }
    const volunteer = await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Volunteer, id, {
        certificateInspectedOn: dto.inspectedOn,
        certificateInspectedBy: staff.id,
      });
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'volunteer.certificate-inspected',
          entityType: 'volunteer',
          entityId: id,
          details: { inspectedOn: dto.inspectedOn },
        },
        manager,
      );
    });
    return { ...volunteer, certificateInspectedOn: dto.inspectedOn, certificateInspectedBy: staff.id };
  }

  /**
   * The volunteer pressed the button behind the confirmation link. The link names the address it
   * was sent to, so a link to an old address confirms nothing.
   */
  async confirmEmail(
    volunteerId: string,
    fingerprint: string,
    now = new Date(),
  ): Promise<EmailConfirmationOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, volunteerId);
      if (!volunteer) {
        return { outcome: 'unknown' as const, jobId: null };
      }
      if (emailFingerprint(volunteer.email) !== fingerprint) {
        return { outcome: 'address-changed' as const, jobId: null };
      }
      if (volunteer.emailConfirmedAt !== null) {
        return { outcome: 'already-confirmed' as const, jobId: null };
      }
      volunteer.emailConfirmedAt = now;
      const saved = await manager.save(volunteer);
      await this.audit.record(
        {
          staffUserId: null,
          action: 'volunteer.email-confirmed',
          entityType: 'volunteer',
          entityId: volunteerId,
        },
        manager,
      );
      // Confirmed and active: open requests may now be offered to them.
      return { outcome: 'confirmed' as const, jobId: await this.queueRecheck(manager, saved) };
    });
    this.outbox.relaySoon([result.jobId]);
    return result.outcome;
  }

  /** Staff checked the address with the volunteer in person (e.g. a test email read out at the desk). */
  async confirmEmailByStaff(id: string, staff: AuthenticatedStaff): Promise<Volunteer> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, id);
      if (!volunteer) {
        throw new NotFoundError('volunteer', id);
      }
      if (volunteer.emailConfirmedAt !== null) {
        return { volunteer, jobId: null };
      }
      volunteer.emailConfirmedAt = new Date();
      const saved = await manager.save(volunteer);
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'volunteer.email-verified-by-staff',
          entityType: 'volunteer',
          entityId: id,
        },
        manager,
      );
      return { volunteer: saved, jobId: await this.queueRecheck(manager, saved) };
    });
    this.outbox.relaySoon([updated.jobId]);
    return updated.volunteer;
  }

  /**
   * The volunteer changed their profile on their own page (audited, no staff user); like a staff
   * edit, open requests within reach are re-checked, so a new free afternoon can bring proposals.
   */
  async updateBySelf(
    volunteerId: string,
    profile: {
      phone: string | null;
      postalCode: string;
      maxTravelKm: number;
      languageCodes: string[];
      skills: string[];
      availability: WeeklySlot[];
    },
  ): Promise<Volunteer> {
    const location = await this.postalCodes.locate(profile.postalCode);
    const updated = await this.dataSource.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, volunteerId);
      if (!volunteer) {
        throw new NotFoundError('volunteer', volunteerId);
      }
      const levels = new Map(volunteer.languages.map((language) => [language.code, language.level]));
      Object.assign(volunteer, {
        phone: profile.phone,
        ...locationColumns(location),
        maxTravelKm: profile.maxTravelKm,
        // Levels recorded at the intake stay; a newly ticked language counts as spoken well.
        languages: profile.languageCodes.map((code) => ({ code, level: levels.get(code) ?? 'C1' })),
        languageCodes: profile.languageCodes,
        skills: [...new Set(profile.skills)],
        // Exact times staff entered stay unless the volunteer changed the coarse parts of day.
        availability: submittedOrFinerSlots(volunteer.availability, profile.availability),
      });
      const saved = await manager.save(volunteer);
      await this.audit.record(
        {
          staffUserId: null,
          action: 'volunteer.profile-changed-by-self',
          entityType: 'volunteer',
          entityId: volunteerId,
        },
        manager,
      );
      return { volunteer: saved, jobId: await this.queueRecheck(manager, saved) };
    });
    this.outbox.relaySoon([updated.jobId]);
    return updated.volunteer;
  }

  /** The volunteer changed their own settings from the link in an offer email (audited, no staff user). */
  async updatePreferences(volunteerId: string, preferences: VolunteerPreferences): Promise<Volunteer | null> {
    const result = await this.dataSource.transaction(async (manager) => {
      const volunteer = await lockVolunteer(manager, volunteerId);
      if (!volunteer) {
        return null;
      }
      const changed = (Object.keys(preferences) as (keyof VolunteerPreferences)[]).filter(
        (field) => volunteer[field] !== preferences[field],
      );
      Object.assign(volunteer, preferences);
      const saved = await manager.save(volunteer);
      await this.audit.record(
        {
          staffUserId: null,
          action: 'volunteer.preferences-changed',
          entityType: 'volunteer',
          entityId: volunteerId,
          details: { fields: changed.join(',') },
        },
        manager,
      );
      // Back from a pause, or a higher cap: open requests may fit now.
      return { volunteer: saved, jobId: changed.length > 0 ? await this.queueRecheck(manager, saved) : null };
    });
    this.outbox.relaySoon([result?.jobId ?? null]);
    return result?.volunteer ?? null;
  }

  /**
   * One-click unsubscribe from offer emails: the volunteer is paused (no offers) until they or
   * staff set them active again. Reminders for assignments already agreed still arrive.
   */
  async pauseOffers(volunteerId: string): Promise<PauseOffersOutcome> {
    let jobId: string | null = null;
    const outcome = await this.dataSource.transaction(async (manager): Promise<PauseOffersOutcome> => {
      const volunteer = await lockVolunteer(manager, volunteerId);
      if (!volunteer) {
        return 'unknown';
      }
      if (volunteer.status === 'paused' || volunteer.status === 'inactive') {
        return 'already-paused';
      }
      await manager.update(Volunteer, volunteerId, { status: 'paused' });
      jobId = await this.queueRelease(manager, volunteerId);
      await this.audit.record(
        {
          staffUserId: null,
          action: 'volunteer.unsubscribed',
          entityType: 'volunteer',
          entityId: volunteerId,
          details: { previousStatus: volunteer.status },
        },
        manager,
      );
      return 'paused';
    });
    this.outbox.relaySoon([jobId]);
    return outcome;
  }

  private checkProfile(dto: Partial<CreateVolunteerDto>): void {
    if (typeof dto.quietHours === 'string' && parseQuietHours(dto.quietHours) === null) {
      throw new DomainError('invalid-quiet-hours', 'start and end must differ', 'quietHours');
    }
    this.taxonomy.assertKnown('skills', dto.skills ?? [], 'skills');
    this.taxonomy.assertKnown('fields', dto.interests ?? [], 'interests');
    const badSlot = (dto.availability ?? []).findIndex((slot) => !isValidSlot(slot));
    if (badSlot >= 0) {
      throw new DomainError(
        'invalid-availability',
        'the end must come after the start',
        `availability.${badSlot}`,
      );
    }
  }

  /**
   * A volunteer who leaves (made inactive, paused, erased) gives up their proposals and open offers,
   * and after an erasure their upcoming assignments (matching does it, from this outbox job).
   */
  async queueRelease(manager: EntityManager, volunteerId: string): Promise<string> {
    const jobId = releaseVolunteerJobId(volunteerId, new Date());
    await this.outbox.add(manager, {
      queue: MATCHING_QUEUE,
      jobName: RELEASE_VOLUNTEER_JOB,
      jobId,
      payload: { volunteerId },
    });
    return jobId;
  }

  private async queueReleaseOnLeaving(
    manager: EntityManager,
    volunteer: Volunteer,
    previousStatus: VolunteerStatus,
  ): Promise<string | null> {
    return previousStatus !== volunteer.status && volunteer.status !== 'active'
      ? this.queueRelease(manager, volunteer.id)
      : null;
  }

  /**
   * Activation and deactivation by staff tell the volunteer, in their language: the welcome (what
   * happens next) once per volunteer, on the first activation; "no longer active" each time staff
   * set them inactive (their open offers are withdrawn by the release job).
   */
  private async queueStatusEmail(
    manager: EntityManager,
    volunteer: Volunteer,
    previousStatus: VolunteerStatus,
  ): Promise<string | null> {
    if (previousStatus === volunteer.status) {
      return null;
    }
    const now = new Date();
    if (volunteer.status === 'active' && volunteer.welcomeSentAt === null) {
      await manager.update(Volunteer, volunteer.id, { welcomeSentAt: now });
      volunteer.welcomeSentAt = now;
      return this.notifications.queueForVolunteer(manager, volunteer, 'volunteer-welcome', volunteer.id, {
        now,
      });
    }
    if (volunteer.status === 'inactive') {
      return this.notifications.queueForVolunteer(
        manager,
        volunteer,
        'volunteer-deactivated',
        volunteerDeactivatedKey(volunteer.id, now),
        { now },
      );
    }
    return null;
  }

  /** An active volunteer may fit open requests that found nobody (or fewer) before. */
  private async queueRecheck(manager: EntityManager, volunteer: Volunteer): Promise<string | null> {
    if (volunteer.status !== 'active') {
      return null;
    }
    const jobId = recheckVolunteerJobId(volunteer.id, volunteer.updatedAt);
    await this.outbox.add(manager, {
      queue: MATCHING_QUEUE,
      jobName: RECHECK_VOLUNTEER_JOB,
      jobId,
      payload: { volunteerId: volunteer.id },
    });
    return jobId;
  }

  /**
   * "Ich interessiere mich" on a public opportunity (src/engagement): a new address signs up as the
   * public sign-up does (pending, online consent, double opt-in email), with the profile staff
   * complete in the advisory interview; a registered address gets its self-service link, as the
   * sign-up does. Same work either way; the caller gets the volunteer's id and must not show which.
   */
  async signUpForInterest(
    dto: CreateVolunteerDto,
  ): Promise<{ volunteerId: string; created: boolean } | null> {
    try {
      const volunteer = await this.create({ ...dto, status: 'pending', emailVerifiedByStaff: false }, null);
      return { volunteerId: volunteer.id, created: true };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'email-taken')) {
        throw error;
      }
      const existing = await this.dataSource
        .getRepository(Volunteer)
        .findOneBy({ email: dto.email.trim().toLowerCase() });
      await this.sendSelfServiceLink(dto.email);
      return existing && !existing.erasedAt ? { volunteerId: existing.id, created: false } : null;
    }
  }
}
