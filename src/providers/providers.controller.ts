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
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { ProviderDto } from './dto/provider.response';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CreateProviderDto, UpdateProviderDto } from './dto/create-provider.dto';
import { ProvidersService } from './providers.service';

class ListProvidersQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved'], description: 'default: all' })
  @IsOptional()
  @IsIn(['pending', 'approved'])
  reviewStatus?: 'pending' | 'approved';
}

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Register a provider',
    'Staff register an organisation (Einsatzstelle) that offers or needs volunteering; it is approved and active at once.',
  )
  @ApiCreatedResponse({ type: ProviderDto })
  @ApiStaffErrors(409)
  register(@Body() body: CreateProviderDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.providers.register(body, staff);
  }

  /** `?reviewStatus=pending`: sign-ups from the public page waiting for review. */
  @Get()
  @ApiDoc(
    'List providers',
    'All providers by name; `?reviewStatus=pending` lists the sign-ups from the public page waiting for review.',
  )
  @ApiOkResponse({ type: [ProviderDto] })
  @ApiStaffErrors()
  list(@Query() query: ListProvidersQuery) {
    return this.providers.list(query.reviewStatus);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiDoc(
    'Approve a provider’s sign-up',
    'Staff have reviewed a provider that signed up on the public page: it becomes `approved` and active.',
  )
  @ApiOkResponse({ type: ProviderDto })
  @ApiStaffErrors(404)
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.providers.approve(id, staff);
  }

  @Get(':id')
  @ApiDoc('Show a provider', 'One provider with its contact and fields of activity.')
  @ApiOkResponse({ type: ProviderDto })
  @ApiStaffErrors(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.providers.get(id);
  }

  @Patch(':id')
  @ApiDoc('Change a provider', 'Change any field of a provider; the change is audited with before and after.')
  @ApiOkResponse({ type: ProviderDto })
  @ApiStaffErrors(404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateProviderDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.providers.update(id, body, staff);
  }
}
