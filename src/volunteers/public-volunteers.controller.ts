import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { isHoneypotFilled } from '../abuse-protection/abuse-protection.service';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { PublicVolunteerSignUpDto } from './dto/create-volunteer.dto';
import { VolunteersService } from './volunteers.service';

/** The same answer for a new and an already registered address: nobody learns who is registered. */
const SIGNED_UP = { status: 'check-your-email' } as const;

@ApiTags('public')
@Controller('api/public/volunteers')
export class PublicVolunteersController {
  constructor(
    private readonly volunteers: VolunteersService,
    private readonly abuse: AbuseProtectionService,
  ) {}

  /** Sign-up: a confirmation email (double opt-in), then pending until staff activate after the intake talk. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'a confirmation email is on its way (if the address is new)' })
  @ApiTooManyRequestsResponse({ description: 'too many sign-ups from this address or for this email' })
  async signUp(@Body() body: PublicVolunteerSignUpDto, @Ip() ip: string): Promise<typeof SIGNED_UP> {
    if (isHoneypotFilled(body.website)) {
      return SIGNED_UP;
    }
    await this.abuse.admit('volunteer', ip, body.email);
    await this.volunteers.signUp(body);
    return SIGNED_UP;
  }
}
