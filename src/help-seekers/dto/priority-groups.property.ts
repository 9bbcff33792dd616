import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { PRIORITY_GROUPS } from '../../shared/statistics-fields';

/** The optional priority groups of a help-seeker (staff only), as the intake and the edit form take them. */
export function PriorityGroupsProperty(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: PRIORITY_GROUPS,
      isArray: true,
      example: ['older-people'],
      description:
        'optional, for the statistics only, and only if the person says so; [] = not given. Never shown to volunteers or hosts',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(PRIORITY_GROUPS.length),
    IsIn(PRIORITY_GROUPS, { each: true, message: `each must be one of ${PRIORITY_GROUPS.join(', ')}` }),
  );
}
