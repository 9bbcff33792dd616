import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PostalCode } from './postal-code.entity';
import { PostalCodesService } from './postal-codes.service';

/** Postal code → point lookup for volunteers, providers and help requests. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([PostalCode])],
  providers: [PostalCodesService],
  exports: [PostalCodesService],
})
export class PostalCodesModule {}
