import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openMemory } from '../src/db/client.js';
import { createTemplateDatabase, dropDatabase, testDriver } from './databases.js';
import { seedForTests, TEST_KEYS } from './seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates and seeds one database for the whole run; each test file then starts from a copy:
 * a PGlite dump loaded in memory, or a PostgreSQL database created from a template.
 */
export default async function setup(project: TestProject) {
  if (testDriver() === 'postgres') {
    const template = await createTemplateDatabase();
    project.provide('postgresTemplate', template);
    project.provide('pgliteDump', '');
    return async () => dropDatabase(template);
  }
  const database = await openMemory();
  await database.migrate();
  await seedForTests(database.db, TEST_KEYS);
  const dump = await database.client.dumpDataDir('none');
  const path = join(tmpdir(), `anxin-test-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', path);
  project.provide('postgresTemplate', '');
}
