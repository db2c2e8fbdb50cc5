import { Global, Module } from '@nestjs/common';
import { DatabaseListener } from './database-listener.js';
import { UnitOfWork } from './unit-of-work.js';

/** The one data layer every lib shares: the unit of work over the app's TypeORM data source. */
@Global()
@Module({ providers: [UnitOfWork, DatabaseListener], exports: [UnitOfWork, DatabaseListener] })
export class DbModule {}
