import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { locationColumns, PostalCodesService } from '../postal-codes/postal-codes.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CreateProviderDto, UpdateProviderDto } from './dto/create-provider.dto';
import { Provider } from './provider.entity';

@Injectable()
export class ProvidersService {
  constructor(
    @InjectRepository(Provider) private readonly providers: Repository<Provider>,
    private readonly postalCodes: PostalCodesService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {}

  register(dto: CreateProviderDto, staff: AuthenticatedStaff): Promise<Provider> {
    return this.create(dto, staff);
  }

  /** From the public page: inactive and pending until staff have reviewed it. */
  async signUp(dto: CreateProviderDto): Promise<void> {
    await this.create(dto, null);
  }

  /** Staff reviewed a provider from the public page (usually after a call): it becomes active. */
  async approve(id: string, staff: AuthenticatedStaff): Promise<Provider> {
    return this.providers.manager.transaction(async (manager) => {
      const provider = await manager.findOne(Provider, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!provider) {
        throw new NotFoundError('provider', id);
      }
      if (provider.reviewStatus === 'approved') {
        throw new ConflictError('the provider is already approved');
      }
      await manager.update(Provider, id, { reviewStatus: 'approved', active: true });
      await this.audit.record(
        { staffUserId: staff.id, action: 'provider.approved', entityType: 'provider', entityId: id },
        manager,
      );
      return manager.findOneByOrFail(Provider, { id });
    });
  }

  private async create(dto: CreateProviderDto, staff: AuthenticatedStaff | null): Promise<Provider> {
    this.taxonomy.assertKnown('fields', dto.fieldsOfActivity, 'fieldsOfActivity');
    const location = await this.postalCodes.locate(dto.postalCode);
    return this.providers.manager.transaction(async (manager) => {
      const provider = await manager.save(
        manager.create(Provider, {
          ...dto,
          email: dto.email.trim().toLowerCase(),
          phone: dto.phone ?? null,
          ...locationColumns(location),
          ...(staff ? {} : { reviewStatus: 'pending' as const, active: false }),
        }),
      );
      await this.audit.record(
        {
          staffUserId: staff?.id ?? null,
          action: staff ? 'provider.registered' : 'provider.signed-up',
          entityType: 'provider',
          entityId: provider.id,
        },
        manager,
      );
      return provider;
    });
  }

  async update(id: string, dto: UpdateProviderDto, staff: AuthenticatedStaff): Promise<Provider> {
    if (dto.fieldsOfActivity) {
      this.taxonomy.assertKnown('fields', dto.fieldsOfActivity, 'fieldsOfActivity');
    }
    const location = dto.postalCode ? await this.postalCodes.locate(dto.postalCode) : null;
    return this.providers.manager.transaction(async (manager) => {
      const provider = await manager.findOne(Provider, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!provider) {
        throw new NotFoundError('provider', id);
      }
      Object.assign(provider, {
        ...dto,
        ...(dto.email ? { email: dto.email.trim().toLowerCase() } : {}),
        ...(location ? locationColumns(location) : {}),
      });
      const saved = await manager.save(provider);
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'provider.updated',
          entityType: 'provider',
          entityId: id,
          details: { fields: Object.keys(dto).join(',') },
        },
        manager,
      );
      return saved;
    });
  }

  list(reviewStatus?: Provider['reviewStatus']): Promise<Provider[]> {
    return this.providers.find({ where: reviewStatus ? { reviewStatus } : {}, order: { name: 'ASC' } });
  }

  async get(id: string): Promise<Provider> {
    const provider = await this.providers.findOneBy({ id });
    if (!provider) {
      throw new NotFoundError('provider', id);
    }
    return provider;
  }
}
