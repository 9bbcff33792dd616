import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { NotFoundError, ConflictError } from '../shared/domain-error';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { StaffPasswordResetService } from '../staff/staff-password-reset.service';

/**
 * Sends password-reset emails: asked for on the login page (always the same answer, whether the
 * address has an account or not) or by an admin for a colleague. The reset and its email are
 * written in one transaction through the notifications outbox: nothing lost, nothing twice.
 */
@Injectable()
export class PasswordResetRequestsService {
  private readonly logger = new Logger(PasswordResetRequestsService.name);

  constructor(
    // DataSource, not repositories: one transaction across the staff reset and the notification outbox.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resets: StaffPasswordResetService,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly abuse: AbuseProtectionService,
  ) {}

  /**
   * From the login page. Returns at once and does the work after answering, so neither the answer
   * nor its timing says whether the address has an account; at most one email per address an hour.
   */
  requestByEmail(email: string): void {
    void this.sendIfAccount(email).catch((error: unknown) =>
      this.logger.warn(`password reset request failed: ${(error as Error).message}`),
    );
  }

  /** Awaitable for tests; the controllers use requestByEmail. */
  async sendIfAccount(email: string): Promise<boolean> {
    const account = await this.resets.activeAccount(email);
    if (!account || !(await this.abuse.firstEmailThisHour('staff-password-reset', account.email))) {
      return false;
    }
    await this.send(account, null);
    return true;
  }

  /** An admin sends a colleague the reset email (e.g. forgotten password, lost phone). */
  async requestByAdmin(staffUserId: string, admin: AuthenticatedStaff): Promise<void> {
    const account = await this.resets.accountById(staffUserId);
    if (!account) {
      throw new NotFoundError('staff user', staffUserId);
    }
    if (account.deactivatedAt) {
      throw new ConflictError('the account is deactivated; reactivate it first');
    }
    await this.send(account, admin.id);
  }

  private async send(account: { id: string; email: string; locale: string }, byAdmin: string | null) {
    const jobId = await this.dataSource.transaction(async (manager) => {
      const resetId = await this.resets.create(manager, account.id, byAdmin);
      return this.notifications.queue(manager, {
        kind: 'staff-password-reset',
        subjectId: resetId,
        recipient: account.email,
        locale: account.locale,
      });
    });
    this.outbox.relaySoon([jobId]);
  }
}
