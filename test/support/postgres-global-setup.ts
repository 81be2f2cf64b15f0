import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the throwaway cluster, or '' when PostgreSQL is not installed (tests skip). */
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

/**
 * One throwaway PostgreSQL cluster for the whole run; each test file makes its own database in it.
 * Without the binaries the PostgreSQL tests skip, unless REQUIRE_POSTGRES=1 (CI): then the run fails.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!findPostgresBin() && process.env.REQUIRE_POSTGRES !== '1') {
    project.provide('postgresUrl', '');
    return;
  }
  cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
