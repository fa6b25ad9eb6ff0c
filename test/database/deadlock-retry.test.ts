/**
 * PostgreSQL answers a deadlock by aborting one of the two transactions (`40P01`); its manual says
 * to run that transaction again. Two `inTransaction` calls that update the same two rows in opposite
 * orders (as two order writes do on a platform's summary rows, kept by triggers) must both commit,
 * each exactly once, instead of one failing with "deadlock detected".
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterCommit, inTransaction, isDatabaseBusy } from '../../packages/contracts/src/index.js';
import { openDatabase, type OrionDatabase } from '../../packages/core/src/index.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../packages/testing/src/vitest.js';

describe.each(testDialects().filter((dialect) => dialect === 'postgres'))('a deadlock [%s]', (dialect) => {
  let database: TestDatabase;
  let opened: OrionDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    opened = openDatabase(database.url);
    await sql`create table counters (id integer primary key, value integer not null)`.execute(opened.db);
    await sql`insert into counters (id, value) values (1, 0), (2, 0)`.execute(opened.db);
  });

  afterEach(async () => {
    await opened.close();
    await database.drop();
  });

  it('is recognised as a busy database (40P01)', () => {
    expect(isDatabaseBusy(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });

  it('re-runs the transaction PostgreSQL aborted, so both writes commit once', async () => {
    let bothHoldTheirFirstRow: () => void = () => {};
    const firstRowsHeld = new Promise<void>((resolve) => {
      let held = 0;
      bothHoldTheirFirstRow = () => {
        held += 1;
        if (held === 2) resolve();
      };
    });
    const attempts = { forward: 0, backward: 0 };
    const committed: string[] = [];
    const write = (name: 'forward' | 'backward', first: number, second: number) =>
      inTransaction(opened.db, async (trx) => {
        attempts[name] += 1;
        await sql`update counters set value = value + 1 where id = ${first}`.execute(trx);
        // Only the first attempts wait for each other; that is what makes the lock orders cross.
        if (attempts[name] === 1) {
          bothHoldTheirFirstRow();
          await firstRowsHeld;
        }
        await sql`update counters set value = value + 1 where id = ${second}`.execute(trx);
        afterCommit(trx, () => committed.push(name));
      });

    await Promise.all([write('forward', 1, 2), write('backward', 2, 1)]);

    const rows = await sql<{ id: number; value: number }>`select id, value from counters order by id`.execute(
      opened.db,
    );
    expect(rows.rows).toEqual([
      { id: 1, value: 2 },
      { id: 2, value: 2 },
    ]);
    expect(attempts.forward + attempts.backward).toBe(3);
    expect(committed.sort()).toEqual(['backward', 'forward']);
  });
});
