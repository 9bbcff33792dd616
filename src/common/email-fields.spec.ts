import 'reflect-metadata';
import { getMetadataStorage, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { HelpSeekerDto } from '../help-seekers/dto/create-help-request.dto';
import { CreateProviderDto } from '../providers/dto/create-provider.dto';
import { AgencyProfileDto } from '../settings/dto/agency-profile.dto';
import { CreateStaffUserDto } from '../staff/dto/create-staff-user.dto';
import { LoginDto } from '../staff/dto/login.dto';
import { CreateVolunteerDto } from '../volunteers/dto/create-volunteer.dto';
import { SelfServiceLinkRequestDto } from '../web/public/public-forms';

/**
 * Every email field is bounded: class-validator's IsEmail (validator.js) refuses anything over 254
 * characters before its patterns run, and each field carries MaxLength(254) too, so a 20 kB body
 * cannot keep the event loop busy in an email check.
 */
const DTOS = [
  HelpSeekerDto,
  CreateProviderDto,
  AgencyProfileDto,
  CreateStaffUserDto,
  LoginDto,
  CreateVolunteerDto,
  SelfServiceLinkRequestDto,
];

describe('email fields', () => {
  it.each(DTOS.map((dto) => [dto.name, dto] as const))(
    '%s bounds every email field to 254 characters',
    (_, dto) => {
      const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
      const emailFields = [
        ...new Set(metadata.filter((m) => m.name === 'isEmail').map((m) => m.propertyName)),
      ];
      expect(emailFields.length).toBeGreaterThan(0);
      for (const field of emailFields) {
        const max = metadata.find((m) => m.propertyName === field && m.name === 'maxLength');
        expect([field, max?.constraints?.[0]]).toEqual([field, 254]);
      }
    },
  );

  it('refuses a 20 kB adversarial address as too long and not an email', () => {
    const adversarial = `${'a'.repeat(10_000)}@${'a.'.repeat(5_000)}`;
    const errors = validateSync(plainToInstance(LoginDto, { email: adversarial, password: 'x' }));
    const email = errors.find((e) => e.property === 'email');
    expect(Object.keys(email?.constraints ?? {}).sort()).toEqual(['isEmail', 'maxLength']);
  });
});
