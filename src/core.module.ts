import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { PostalCodesModule } from './postal-codes/postal-codes.module';
import { QueueModule } from './queue/queue.module';
import { AuditModule } from './staff/audit.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';
import { SettingsModule } from './settings/settings.module';

/** What both entry points share: validated config, the database, queue producers, audit log. */
@Module({})
export class CoreModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) =>
            dataSourceOptions(appConfig.DATABASE_URL, appConfig.DATABASE_POOL_MAX),
        }),
        QueueModule,
        PostalCodesModule,
        AuditModule,
        TaxonomyModule,
        SettingsModule,
      ],
      exports: [PostalCodesModule, AuditModule],
    };
  }
}
