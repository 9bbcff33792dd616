import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CreateProviderDto, UpdateProviderDto } from './dto/create-provider.dto';
import { ProvidersService } from './providers.service';

class ListProvidersQuery {
  @IsOptional()
  @IsIn(['pending', 'approved'])
  reviewStatus?: 'pending' | 'approved';
}

@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @HttpCode(201)
  register(@Body() body: CreateProviderDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.providers.register(body, staff);
  }

  /** `?reviewStatus=pending`: sign-ups from the public page waiting for review. */
  @Get()
  list(@Query() query: ListProvidersQuery) {
    return this.providers.list(query.reviewStatus);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.providers.approve(id, staff);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.providers.get(id);
  }

  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateProviderDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.providers.update(id, body, staff);
  }
}
