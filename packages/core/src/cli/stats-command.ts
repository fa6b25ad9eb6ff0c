import type { MetricsContext } from '@orion/contracts';
import type { Command } from 'commander';
import type { DashboardStats } from '../stats/stats-aggregator.js';
import { parseId } from './cli-options.js';
import { dashboardTable } from './dashboard-table.js';
import type { SessionFactory } from './cli-session.js';

interface StatsOptions {
  platform: number;
  store?: number;
  period?: string;
  from?: string;
  to?: string;
  trends?: boolean;
  locale?: string;
  json?: boolean;
}

/**
 * `orion stats --platform <id> [--store <id>] …`: the store dashboard
 * (`getStoreDashboardStats`) when `--store` is given, else the platform-admin dashboard
 * (`getAdminDashboardStats`), as an aligned table or, with `--json`, the {@link DashboardStats}
 * (each failure without its `error` object, which does not survive JSON).
 */
export function statsCommand(program: Command, session: SessionFactory): void {
  program
    .command('stats')
    .description('Show the store dashboard (with --store) or the platform-admin dashboard.')
    .requiredOption('--platform <id>', 'the platform', parseId)
    .option('--store <id>', 'show this store’s dashboard instead of the platform’s', parseId)
    .option('--period <period>', 'look-back length, such as 30d or 12h (default: 30d)')
    .option('--from <iso>', 'start of the window, an ISO-8601 date or date-time')
    .option('--to <iso>', 'end of the window, an ISO-8601 date or date-time (default: now)')
    .option('--trends', 'compare with the previous window of the same length')
    .option('--locale <locale>', 'language of the labels and numbers, such as de or fr-LU')
    .option('--json', 'print the dashboard as JSON')
    .action(async (options: StatsOptions, command: Command) => {
      const cli = session(command);
      const context: MetricsContext = {
        ...(options.period === undefined ? {} : { period: options.period }),
        ...(options.from === undefined ? {} : { dateFrom: options.from }),
        ...(options.to === undefined ? {} : { dateTo: options.to }),
        ...(options.trends ? { includeTrends: true } : {}),
        ...(options.locale === undefined ? {} : { locale: options.locale }),
      };
      const stats = await cli.withHost((orion) =>
        options.store === undefined
          ? orion.statsAggregator.getAdminDashboardStats({ platformId: options.platform, context })
          : orion.statsAggregator.getStoreDashboardStats({
              storeId: options.store,
              platformId: options.platform,
              context,
            }),
      );
      cli.print(...(options.json ? [JSON.stringify(dashboardJson(stats), null, 2)] : dashboardTable(stats)));
    });
}

/** The dashboard as `--json` prints it: failures keep module, category, code and message. */
function dashboardJson(stats: DashboardStats) {
  return { ...stats, failures: stats.failures.map(({ error: _error, ...failure }) => failure) };
}
