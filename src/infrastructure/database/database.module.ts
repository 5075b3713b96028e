import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { openDataSource } from './open-data-source';

const OPEN_DATABASE = Symbol('OPEN_DATABASE');

type OpenDatabase = Awaited<ReturnType<typeof openDataSource>>;

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(@Inject(OPEN_DATABASE) private readonly db: OpenDatabase) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: OPEN_DATABASE, useFactory: () => openDataSource(config) },
        { provide: DataSource, inject: [OPEN_DATABASE], useFactory: (db: OpenDatabase) => db.dataSource },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
    this.logger.log('Database closed');
  }
}
