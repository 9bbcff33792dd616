import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateStaffUserDto } from '../dto/create-staff-user.dto';
import { isAcceptablePassword } from './password-policy';

describe('staff password policy', () => {
  it.each([
    ['short', 'elf Zeichen'],
    ['whitespace only', ' '.repeat(20)],
    ['a common password', 'Password123456'],
    ['a common German password', 'HALLO12345678'],
    ['a common keyboard row', 'QwertzUiop123'],
  ])('refuses %s', (_, password) => {
    expect(isAcceptablePassword(password)).toBe(false);
  });

  it('accepts a long, uncommon passphrase', () => {
    expect(isAcceptablePassword('Kaffee am Elbstrand 7')).toBe(true);
  });

  it('is checked where an admin sets a colleague’s password', () => {
    const dto = plainToInstance(CreateStaffUserDto, {
      name: 'Kim',
      email: 'kim@agency.test',
      role: 'coordinator',
      password: 'password123456',
    });
    const [error] = validateSync(dto);
    expect(error.property).toBe('password');
    expect(Object.keys(error.constraints ?? {})).toEqual(['isAcceptablePassword']);
  });
});
