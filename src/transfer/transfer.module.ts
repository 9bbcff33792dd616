import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { TransferController } from './transfer.controller';
import { TransferService } from './transfer.service';
import { ImportUploadMiddleware } from './upload.middleware';

/** CSV imports (docs/data-transfer.md): the API here, the console pages in src/web/console/import. */
@Module({
  imports: [StaffModule],
  controllers: [TransferController],
  providers: [TransferService],
  exports: [TransferService],
})
export class TransferModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ImportUploadMiddleware)
      .forRoutes(
        { path: 'api/staff/imports', method: RequestMethod.POST },
        { path: 'console/import', method: RequestMethod.POST },
      );
  }
}
