import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiPublicErrors } from '../common/api-docs';
import { VolunteerSignUpAcceptedDto } from './dto/volunteer.response';
import { isHoneypotFilled } from '../abuse-protection/abuse-protection.service';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { PublicVolunteerSignUpDto } from './dto/create-volunteer.dto';
import { VolunteersService } from './volunteers.service';

/** The same answer for a new and an already registered address: nobody learns who is registered. */
const SIGNED_UP = { status: 'check-your-email' } as const;

@ApiTags(API_TAGS.public)
@Controller('api/public/volunteers')
export class PublicVolunteersController {
  constructor(
    private readonly volunteers: VolunteersService,
    private readonly abuse: AbuseProtectionService,
  ) {}

  /** Sign-up: a confirmation email (double opt-in), then pending until staff activate after the intake talk. */
  @Post()
  @HttpCode(202)
  @ApiDoc(
    'Sign up as a volunteer (public form)',
    'A person offers to volunteer. They get a confirmation email (double opt-in) and stay `pending` until staff activate them after the intake talk (Erstgespräch). ' +
      'The answer is the same for a new and an already registered address, so nobody learns who is registered. Rate-limited per address and per email.',
  )
  @ApiAcceptedResponse({
    type: VolunteerSignUpAcceptedDto,
    description: 'a confirmation email is on its way (if the address is new)',
  })
  @ApiPublicErrors(413, 429)
  async signUp(@Body() body: PublicVolunteerSignUpDto, @Ip() ip: string): Promise<typeof SIGNED_UP> {
    if (isHoneypotFilled(body.website)) {
      return SIGNED_UP;
    }
    await this.abuse.admit('volunteer', ip, body.email);
    await this.volunteers.signUp(body);
    return SIGNED_UP;
  }
}
