import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffAuthGuard, type StaffRequest } from './staff-auth.guard';
import type { StaffRole } from './staff-user.entity';

const ROLES_KEY = 'nahbar:roles';

@Injectable()
export class StaffRoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
    if (roles && (!staff || !roles.includes(staff.role))) {
      throw new ForbiddenException(`only ${roles.join(' or ')} staff may do this`);
    }
    return true;
  }
}

/** Staff session required, and one of these roles. */
export const RequireRole = (...roles: StaffRole[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(StaffAuthGuard, StaffRoleGuard));
