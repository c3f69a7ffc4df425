import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { APP_SCHEMA, dataSourceOptions, type DatabaseTuning } from './data-source-options.js';

// Any constant works; it only has to be the same in every Hookflow process.
const MIGRATION_LOCK_ID = 7_347_201;

/**
 * Opens the one DataSource and brings the schema up to date before anything else starts.
 * Several processes may boot at once in server mode: an advisory lock serialises migrations.
 */
export async function openDataSource(
  url: string,
  entities: DataSourceOptions['entities'] = [],
  tuning: DatabaseTuning = {},
): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, entities, tuning));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${APP_SCHEMA}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

/** The connection string of this process's database (embedded mode: PGlite's loopback socket). */
export const DATABASE_URL = Symbol('DATABASE_URL');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, tuning: DatabaseTuning = {}): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE_URL, useValue: url }],
      exports: [DATABASE_URL],
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(url, [], tuning), autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('TypeORM options missing');
            return openDataSource(url, options.entities, tuning);
          },
        }),
      ],
    };
  }
}
