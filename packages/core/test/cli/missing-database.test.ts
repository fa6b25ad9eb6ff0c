import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliApp, orion } from './cli-app.js';

describe('a command that reads data, pointed at an SQLite file that does not exist', () => {
  const cleanups: (() => void)[] = [];
  let app: string;
  beforeAll(() => {
    app = cliApp(cleanups);
  });
  afterAll(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('is refused as unmigrated and leaves no empty database file behind (SQLite only: PostgreSQL creates no file)', async () => {
    for (const args of [
      ['stats', '--platform', '1'],
      ['modules', '--platform', '1', '--database', 'sqlite:elsewhere.db'],
    ]) {
      const refused = await orion(app, args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/\(ORION_ERR_MIGRATIONS_PENDING\)\n$/);
    }
    expect(readdirSync(app).filter((name) => name.endsWith('.db') || name.includes('.db-'))).toEqual([]);
    // migrate still creates it
    expect((await orion(app, ['migrate'])).code).toBe(0);
    expect(existsSync(join(app, 'orion.db'))).toBe(true);
  });
});
