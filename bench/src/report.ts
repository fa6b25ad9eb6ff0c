/**
 * The targets and the readable table of a run: one line per figure and database, with its
 * target and whether it was met.
 */
import type { BenchDialect } from './dataset.js';
import type { DialectResult } from './harness.js';

export interface Figure {
  figure: string;
  dialect: BenchDialect;
  value: number;
  unit: 'ms' | '×' | 'MB';
  /** `value` must be at most this; absent when the issue sets no target for this database. */
  target?: number;
  /** Strict: the value must stay below the target. */
  strict?: boolean;
  met?: boolean;
}

/** Every figure of one database's result, against the targets (set for the 1m dataset). */
export function figuresOf(result: DialectResult): Figure[] {
  const sqlite = result.dialect === 'sqlite';
  const figures: Omit<Figure, 'met' | 'dialect'>[] = [
    { figure: 'store dashboard p50', value: result.store.orion.p50, unit: 'ms', target: sqlite ? 1 : 4 },
    { figure: 'store dashboard p99', value: result.store.orion.p99, unit: 'ms', ...(sqlite ? { target: 3 } : {}) },
    { figure: 'store hand-written SQL p50', value: result.store.handWritten.p50, unit: 'ms' },
    { figure: 'store JavaScript reduce p50', value: result.store.javascriptReduce.p50, unit: 'ms' },
    {
      figure: 'store Orion ÷ hand-written (p50)',
      value: result.store.ratioToHandWritten.p50,
      unit: '×',
      ...(sqlite ? { target: 1.25 } : {}),
    },
    { figure: 'store Orion ÷ hand-written (p99)', value: result.store.ratioToHandWritten.p99, unit: '×' },
    { figure: 'store Orion ÷ JavaScript reduce (p50)', value: result.store.ratioToJavascriptReduce.p50, unit: '×' },
    {
      figure: `admin dashboard p50 (platform ${result.admin.platformId}, ${result.admin.stores} stores)`,
      value: result.admin.orion.p50,
      unit: 'ms',
      target: sqlite ? 30 : 60,
    },
    { figure: 'admin dashboard p99', value: result.admin.orion.p99, unit: 'ms' },
    { figure: 'admin hand-written SQL p50', value: result.admin.handWritten.p50, unit: 'ms' },
    {
      figure: `admin JavaScript reduce p50 (${result.admin.windowOrders} orders loaded)`,
      value: result.admin.javascriptReduce.p50,
      unit: 'ms',
    },
    { figure: 'admin Orion ÷ hand-written (p50)', value: result.admin.ratioToHandWritten.p50, unit: '×' },
    { figure: 'admin Orion ÷ JavaScript reduce (p50)', value: result.admin.ratioToJavascriptReduce.p50, unit: '×' },
    {
      figure: 'store call ÷ slowest provider alone (p50)',
      value: result.providers.ratio.p50,
      unit: '×',
      ...(sqlite ? {} : { target: 1.5 }),
    },
    { figure: 'slowest provider alone p50', value: result.providers.slowest.p50, unit: 'ms' },
    { figure: 'sum of the providers alone p50', value: result.providers.sum.p50, unit: 'ms' },
    {
      figure: "host's own share p50 (whole − sum of providers alone, per call)",
      value: result.providers.hostShare.p50,
      unit: 'ms',
      ...(sqlite ? { target: 0.1 } : {}),
    },
    { figure: 'createOrion start-up p50 (migrated)', value: result.startup.p50, unit: 'ms', target: 150 },
    { figure: 'createOrion start-up, first in process', value: result.startup.first, unit: 'ms' },
    {
      figure: `discovery p50 (${result.discovery.packages} packages)`,
      value: result.discovery.p50,
      unit: 'ms',
      target: 30,
    },
    { figure: 'discovery, first in process', value: result.discovery.first, unit: 'ms' },
    {
      figure: `RSS growth over ${result.memory.calls} store calls`,
      value: result.memory.growthMb,
      unit: 'MB',
      target: 20,
      strict: true,
    },
  ];
  return figures.map((figure) => ({
    ...figure,
    dialect: result.dialect,
    ...(figure.target === undefined
      ? {}
      : { met: figure.strict ? figure.value < figure.target : figure.value <= figure.target }),
  }));
}

function format(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = unit === '×' ? 2 : value < 10 ? 3 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The table as Markdown (printed by the harness and pasted into BENCHMARKS.md). */
export function formatTable(results: DialectResult[]): string {
  const lines = ['| figure | db | measured | target | met |', '| --- | --- | ---: | ---: | --- |'];
  for (const result of results) {
    for (const figure of figuresOf(result)) {
      const target =
        figure.target === undefined ? '' : `${figure.strict ? '<' : '≤'} ${format(figure.target, figure.unit)}`;
      const met = figure.met === undefined ? '' : figure.met ? 'met' : '**not met**';
      lines.push(
        `| ${figure.figure} | ${figure.dialect} | ${format(figure.value, figure.unit)} | ${target} | ${met} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Each provider alone, p50 and p99, per database. */
export function formatProviders(results: DialectResult[]): string {
  const lines = ['| provider (store, alone) | db | p50 | p99 | slowest in |', '| --- | --- | ---: | ---: | ---: |'];
  for (const result of results) {
    for (const [code, summary] of Object.entries(result.providers.providers)) {
      const share = ((result.providers.slowestCounts[code] ?? 0) / Math.max(1, result.providers.calls)) * 100;
      lines.push(
        `| ${code} | ${result.dialect} | ${format(summary.p50, 'ms')} | ${format(summary.p99, 'ms')} | ${share.toFixed(0)} % |`,
      );
    }
  }
  return lines.join('\n');
}
