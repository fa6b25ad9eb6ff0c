/**
 * `orion rebuild [module]` (issue 12): runs the modules' `rebuild` hooks, requirements first, on
 * the app's database, through the built binary as a user runs it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { recordingLogger } from '../../../../test/support/orion-host.js';
import { createOrion, type Orion } from '../../src/index.js';
import { alphaModule, cliApp, orion, sourceModule } from './cli-app.js';

/** `tally` keeps `tally_total`, the number of `tally_items`, and can rebuild it; it requires alpha. */
const tallyModule = sourceModule(
  'fixture-tally',
  `import { defineModule } from '@orion/contracts';
export default defineModule({
  code: 'tally',
  name: 'Tally',
  version: '1.0.0',
  requires: ['alpha'],
  migrations: {
    tally_001_create: {
      async up(db) {
        await db.schema.createTable('tally_items').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
        await db.schema.createTable('tally_total').addColumn('n', 'integer', (c) => c.notNull()).execute();
        await db.insertInto('tally_total').values({ n: 0 }).execute();
      },
    },
  },
  async rebuild({ db }) {
    const row = await db.selectFrom('tally_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await db.updateTable('tally_total').set({ n: Number(row.n) }).execute();
  },
});
`,
);

describeEachDatabase('orion rebuild', (dialect) => {
  const cleanups: (() => void)[] = [];
  let app: string;
  let database: TestDatabase;
  let host: Orion;
  const cli = (...args: string[]) => orion(app, [...args, '--database', database.url]);
  const total = async () => Number((await host.db.selectFrom('tally_total').select('n').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    app = cliApp(cleanups, [alphaModule, tallyModule]);
    database = await createTestDatabase(dialect);
    host = await createOrion({ cwd: app, database: database.url, logger: recordingLogger() });
    await host.db
      .insertInto('tally_items')
      .values([{ id: 1 }, { id: 2 }, { id: 3 }])
      .execute();
  });
  afterAll(async () => {
    await host.close();
    await database.drop();
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });

  it('runs every module that has a rebuild, or the one named, and says what it did', async () => {
    expect(await total()).toBe(0);
    const all = await cli('rebuild');
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    // tally, and any core module that declares a rebuild (never alpha, which has none)
    expect(all.stdout).toMatch(/Rebuilt \d+ module\(s\):/);
    expect(all.stdout).toMatch(/tally\s+\d+ ms/);
    expect(all.stdout).not.toMatch(/alpha/);
    expect(await total()).toBe(3);

    await host.db.insertInto('tally_items').values({ id: 4 }).execute();
    const one = await cli('rebuild', 'tally');
    expect(one.code).toBe(0);
    expect(await total()).toBe(4);
  });

  it('refuses an unknown module and a module with nothing to rebuild, with their codes', async () => {
    const unknown = await cli('rebuild', 'nothere');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/ORION_ERR_MODULE_NOT_INSTALLED/);
    const nothing = await cli('rebuild', 'alpha');
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/module "alpha" keeps nothing to rebuild.*ORION_ERR_VALIDATION/);
  });
});
