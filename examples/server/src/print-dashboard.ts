import type { DashboardStats } from '@orion/core';

/** Prints a dashboard as an aligned table: category, metric, value with unit, trend. */
export function printDashboard(title: string, stats: DashboardStats): void {
  const rows = Object.values(stats.categories)
    .flat()
    .map((metric) => [
      metric.category,
      metric.label,
      metric.unit ? `${metric.value} ${metric.unit}` : String(metric.value),
      metric.trend ? `${{ up: '↑', down: '↓', stable: '→' }[metric.trend]} ${metric.trendValue == null ? '' : `${metric.trendValue}%`}` : '',
    ]);
  const header = ['category', 'metric', 'value', 'trend'];
  const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((width) => '─'.repeat(width))));
  for (const row of rows) console.log(line(row));
  for (const failure of stats.failures) console.log(`! ${failure.category}: ${failure.message}`);
}
