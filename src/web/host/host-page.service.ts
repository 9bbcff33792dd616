import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { OpportunityStatus } from '../../opportunities/domain/opportunity-status';
import { Opportunity } from '../../opportunities/opportunity.entity';
import { Project } from '../../opportunities/project.entity';
import type { PlacementEndReason, PlacementStage } from '../../placements/domain/placement-stage';
import { PlacementsService } from '../../placements/placements.service';
import { Provider } from '../../providers/provider.entity';
import { NotFoundError } from '../../shared/domain-error';
import { AuditService } from '../../staff/audit.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { AbuseProtectionService } from '../../abuse-protection/abuse-protection.service';
import { derivedUuid, emailFingerprint } from '../../notifications/domain/notification-keys';
import { NotificationOutbox } from '../../notifications/notification-outbox.service';
import { OutboxService } from '../../queue/outbox.service';
import { firstNameOf } from '../emails/host-email-composer';
import {
  checkHostToken,
  HOST_PAGE_ACTION,
  HOST_REVIEW_ACTIONS,
  isCurrentHostLink,
  type HostReviewAction,
} from './host-links';

/** Stages a host sees: from "proposed" on, never "interested" or "advised" (the agency's work). */
export const HOST_VISIBLE_STAGES: readonly PlacementStage[] = [
  'proposed',
  'host-contacted',
  'trial',
  'started',
];

/** The buttons on the host page and the stage each records. */
export const HOST_MOVES = {
  contacted: 'host-contacted',
  trial: 'trial',
  started: 'started',
  declined: 'declined',
} as const satisfies Record<string, PlacementStage>;
export type HostMove = keyof typeof HOST_MOVES;

/** "Hat nicht gepasst": the reasons a host can give. */
export const HOST_DECLINE_REASONS = [
  'host-declined',
  'no-answer',
  'volunteer-changed-mind',
  'not-suitable',
  'no-time',
  'other',
] as const satisfies readonly PlacementEndReason[];
export type HostDeclineReason = (typeof HOST_DECLINE_REASONS)[number];

export type HostReviewAccess =
  | { kind: 'ok'; provider: Provider; opportunity: Opportunity; action: HostReviewAction }
  | Exclude<HostAccess, { kind: 'ok' }>;

export type HostAccess =
  | { kind: 'ok'; provider: Provider }
  | { kind: 'not-found' }
  | { kind: 'expired'; locale: string | null }
  | { kind: 'revoked'; locale: string };

export interface ProposedVolunteer {
  placementId: string;
  stage: PlacementStage;
  firstName: string;
  district: string | null;
  interests: string[];
  email: string;
  phone: string | null;
}

export interface HostOpportunityView {
  id: string;
  title: string;
  projectId: string | null;
  status: OpportunityStatus;
  reviewBy: string | null;
  pausedReason: string | null;
  volunteers: ProposedVolunteer[];
}

export interface HostPageView {
  provider: Provider;
  projects: Pick<Project, 'id' | 'title' | 'description'>[];
  opportunities: HostOpportunityView[];
}

/**
 * Everything the host page reads and does, always scoped to the token's provider: a project,
 * opportunity or placement of another provider is "not found", never shown or changed.
 */
@Injectable()
export class HostPageService {
  constructor(
    // DataSource, not repositories: read model across providers, opportunities, placements and volunteers.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Through PlacementsService: a start that fills the last place marks the opportunity filled.
    private readonly placements: PlacementsService,
    private readonly abuse: AbuseProtectionService,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Console and API: staff send the provider's contact a link to its page (audited). */
  async sendLinkToProvider(
    providerId: string,
    staff: AuthenticatedStaff,
    now = new Date(),
  ): Promise<Provider> {
    const provider = await this.dataSource.getRepository(Provider).findOneBy({ id: providerId });
    if (!provider) {
      throw new NotFoundError('provider', providerId);
    }
    await this.queueLink(provider.email.trim().toLowerCase(), now);
    await this.audit.record({
      staffUserId: staff.id,
      action: 'provider.host-link-sent',
      entityType: 'provider',
      entityId: provider.id,
      details: { to: provider.email },
    });
    return provider;
  }

  /**
   * Console and API: every host link sent so far stops working (410), by raising the provider's
   * link version in one statement; audited with the old and new version.
   */
  async revokeLinks(providerId: string, staff: AuthenticatedStaff): Promise<{ linkVersion: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ link_version: number }[]>(
        `UPDATE provider SET link_version = link_version + 1 WHERE id = $1 RETURNING link_version`,
        [providerId],
      );
      // pg's UPDATE … RETURNING through TypeORM answers [rows, count].
      const [updated] = (Array.isArray(rows[0]) ? rows[0] : rows) as { link_version: number }[];
      if (!updated) {
        throw new NotFoundError('provider', providerId);
      }
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'provider.host-links-revoked',
          entityType: 'provider',
          entityId: providerId,
          details: { before: updated.link_version - 1, after: updated.link_version },
        },
        manager,
      );
      return { linkVersion: updated.link_version };
    });
  }

  /**
   * /host/link: the same work for any address (no enumeration): the email is written to the
   * outbox whoever asks; the worker's composer looks the address up (provider or opportunity
   * contact) and cancels and forgets it when nobody has it. At most one per address and hour.
   */
  async requestLink(email: string, ip: string, now = new Date()): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.abuse.admit('host-link', ip, address);
    if (!(await this.abuse.firstEmailThisHour('host-link', address))) {
      return;
    }
    await this.queueLink(address, now);
  }

  /** Staff send the link from the console (no throttle; the console audits it). */
  async queueLink(address: string, now = new Date()): Promise<void> {
    const jobId = await this.dataSource.transaction((manager) =>
      this.notifications.queue(manager, {
        kind: 'host-link',
        subjectId: derivedUuid(
          'host-link',
          emailFingerprint(address),
          String(Math.floor(now.getTime() / 3_600_000)),
        ),
        recipient: address,
        // The composer writes in the provider's language; the form does not know it.
        locale: 'de',
      }),
    );
    this.outbox.relaySoon([jobId]);
  }

  /** The provider a host-page token belongs to, or why it does not lead anywhere. */
  async access(token: string, now: Date): Promise<HostAccess> {
    const check = checkHostToken(this.config.LINK_SECRET, token, now);
    if (check.kind === 'invalid' || check.action !== HOST_PAGE_ACTION) {
      return { kind: 'not-found' };
    }
    const provider = await this.dataSource.getRepository(Provider).findOneBy({ id: check.subjectId });
    if (!provider || !provider.active) {
      return check.kind === 'expired' ? { kind: 'expired', locale: null } : { kind: 'not-found' };
    }
    if (check.kind === 'expired') {
      return { kind: 'expired', locale: provider.locale };
    }
    if (!isCurrentHostLink(check.version, provider.linkVersion)) {
      return { kind: 'revoked', locale: provider.locale };
    }
    return { kind: 'ok', provider };
  }

  /** A one-click link from the review reminder: it names one opportunity and one action. */
  async reviewAccess(token: string, now: Date): Promise<HostReviewAccess> {
    const check = checkHostToken(this.config.LINK_SECRET, token, now);
    if (check.kind === 'invalid' || !(HOST_REVIEW_ACTIONS as readonly string[]).includes(check.action)) {
      return { kind: 'not-found' };
    }
    const opportunity = await this.dataSource.getRepository(Opportunity).findOneBy({ id: check.subjectId });
    const provider = opportunity
      ? await this.dataSource.getRepository(Provider).findOneBy({ id: opportunity.providerId })
      : null;
    if (!opportunity || !provider || !provider.active) {
      return check.kind === 'expired' ? { kind: 'expired', locale: null } : { kind: 'not-found' };
    }
    if (check.kind === 'expired') {
      return { kind: 'expired', locale: provider.locale };
    }
    if (!isCurrentHostLink(check.version, provider.linkVersion)) {
      return { kind: 'revoked', locale: provider.locale };
    }
    return { kind: 'ok', provider, opportunity, action: check.action as HostReviewAction };
  }

  async page(provider: Provider): Promise<HostPageView> {
    const projects = await this.dataSource.getRepository(Project).find({
      where: { providerId: provider.id },
      order: { title: 'ASC' },
    });
    const opportunities = await this.dataSource.getRepository(Opportunity).find({
      where: { providerId: provider.id },
      order: { title: 'ASC' },
    });
    const rows = await this.dataSource.query<(ProposedVolunteer & { opportunityId: string; name: string })[]>(
      `SELECT pl.id AS "placementId", pl.stage, pl.opportunity_id AS "opportunityId",
              v.name, v.district, v.interests, v.email, v.phone
         FROM placement pl
         JOIN opportunity o ON o.id = pl.opportunity_id
         JOIN volunteer v ON v.id = pl.volunteer_id
        WHERE o.provider_id = $1 AND pl.stage = ANY($2) AND v.erased_at IS NULL
        ORDER BY pl.proposed_at NULLS LAST, pl.id`,
      [provider.id, HOST_VISIBLE_STAGES],
    );
    return {
      provider,
      projects: projects.map(({ id, title, description }) => ({ id, title, description })),
      opportunities: opportunities
        .filter((opportunity) => opportunity.status !== 'archived')
        .map((opportunity) => ({
          id: opportunity.id,
          title: opportunity.title,
          projectId: opportunity.projectId,
          status: opportunity.status,
          reviewBy: opportunity.reviewBy,
          pausedReason: opportunity.pausedReason,
          volunteers: rows
            .filter((row) => row.opportunityId === opportunity.id)
            .map(({ name, opportunityId: _opportunityId, ...row }) => ({
              ...row,
              firstName: firstNameOf(name),
            })),
        })),
    };
  }

  /** The host records a step; the placement must be this provider's and already proposed. */
  async move(
    provider: Provider,
    placementId: string,
    move: HostMove,
    reason: HostDeclineReason | null,
    note: string | null,
    now = new Date(),
  ): Promise<void> {
    const [owned] = await this.dataSource.query<{ id: string }[]>(
      `SELECT pl.id FROM placement pl JOIN opportunity o ON o.id = pl.opportunity_id
        WHERE pl.id = $1 AND o.provider_id = $2 AND pl.stage = ANY($3)`,
      [placementId, provider.id, HOST_VISIBLE_STAGES],
    );
    if (!owned) {
      throw new NotFoundError('placement', placementId);
    }
    await this.placements.move(
      placementId,
      HOST_MOVES[move],
      { actor: 'host', reason: move === 'declined' ? reason : null, note: move === 'declined' ? note : null },
      now,
    );
  }
}
