import type { KyselyPlugin } from 'kysely';

/**
 * Counts the statements a Kysely instance executes, to hold a provider call to one query:
 * `db.withPlugin(counter)`. Results are counted, because `transformQuery` also runs for subqueries.
 */
export class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  transformResult: KyselyPlugin['transformResult'] = (args) => {
    this.count++;
    return Promise.resolve(args.result);
  };
}
