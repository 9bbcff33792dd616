import { Global, Module } from '@nestjs/common';
import { AbuseProtectionService } from './abuse-protection.service';

/** Rate limits for the public forms (API process only). */
@Global()
@Module({
  providers: [AbuseProtectionService],
  exports: [AbuseProtectionService],
})
export class AbuseProtectionModule {}
