import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { flattenValidationErrors, RequestValidationError } from '../common/validation';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencySetting } from './agency-setting.entity';
import {
  AGENCY_PROFILE_KEY,
  AgencyProfileDto,
  defaultAgencyProfile,
  type AgencyProfile,
} from './dto/agency-profile.dto';

/** Every page reads the profile; a change reaches every process within this time. */
const CACHE_MS = 5000;

@Injectable()
export class AgencyProfileService {
  private cached?: { profile: AgencyProfile; until: number };

  constructor(
    @InjectRepository(AgencySetting) private readonly settings: Repository<AgencySetting>,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(): Promise<AgencyProfile> {
    if (this.cached && this.cached.until > Date.now()) {
      return this.cached.profile;
    }
    const row = await this.settings.findOneBy({ key: AGENCY_PROFILE_KEY });
    // A stored profile that no longer validates (a rule changed in code) gives way to the default.
    const stored = row ? plainToInstance(AgencyProfileDto, row.value) : null;
    const profile =
      stored && validateSync(stored, { whitelist: true }).length === 0
        ? stored
        : defaultAgencyProfile(this.config.AGENCY_NAME);
    this.cached = { profile, until: Date.now() + CACHE_MS };
    return profile;
  }

  /** Replaces the profile (validated by the caller's pipe or form) and audits before and after. */
  async update(profile: AgencyProfileDto, staff: AuthenticatedStaff): Promise<AgencyProfile> {
    const errors = validateSync(plainToInstance(AgencyProfileDto, profile), { whitelist: true });
    if (errors.length > 0) {
      throw new RequestValidationError(flattenValidationErrors(errors));
    }
    const before = await this.get();
    const after: AgencyProfile = { ...profile };
    await this.settings.manager.transaction(async (manager) => {
      await manager.upsert(
        AgencySetting,
        { key: AGENCY_PROFILE_KEY, value: after, updatedByStaffId: staff.id },
        ['key'],
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'settings.agency-profile-updated',
          entityType: 'agency-setting',
          entityId: AGENCY_PROFILE_KEY,
          details: { before: { ...before }, after: { ...after } },
        },
        manager,
      );
    });
    this.cached = undefined;
    return after;
  }
}
