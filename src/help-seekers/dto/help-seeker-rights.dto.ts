import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../common/consent-record.entity';
import { ERASURE_REASONS, type ErasureReason } from '../help-seeker-rights.service';

/** Erasure (Art. 17): why, as a code (never free text about the person), and an explicit yes. */
export class EraseHelpSeekerDto {
  @ApiProperty({ enum: ERASURE_REASONS })
  @IsIn(ERASURE_REASONS, { message: `must be one of ${ERASURE_REASONS.join(', ')}` })
  reason: ErasureReason;

  @ApiProperty({ description: 'must be true: erasure cannot be undone' })
  @IsBoolean({ message: 'must confirm the erasure' })
  @IsIn([true], { message: 'must confirm the erasure' })
  confirm: boolean;
}

/** Withdrawal of one consent (Art. 7(3)), told to staff by phone, letter or email. */
export class WithdrawConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES.filter((purpose) => purpose !== 'volunteer-pool') })
  @IsIn(['data-processing', 'health-data'], { message: 'must be data-processing or health-data' })
  purpose: Extract<ConsentPurpose, 'data-processing' | 'health-data'>;
}
