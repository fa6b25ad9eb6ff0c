/**
 * The JSON API's input checks, built on the contracts' own schemas (`idParamSchema`,
 * `metricsContextSchema`, `frontendSchema`) so bad input is the same coded `ORION_ERR_VALIDATION`
 * (400) the module routes answer, with each issue.
 */
import {
  OrionError,
  frontendSchema,
  idParamSchema,
  metricsContextSchema,
  parseInput,
  type Frontend,
  type MetricsContext,
  type SupportedLocale,
} from '@orion/core';
import { requestLocale } from './request-locale.js';

/**
 * A path id such as `12`, by the shared `idParamSchema`: decimal digits only (no `1e3`, ` 12`,
 * `0x10`, `12.0`), a positive integer that fits an `integer` column.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` naming `name`.
 */
export function parseId(raw: unknown, name: string): number {
  return parseInput(idParamSchema, raw, name);
}

/** The query of both dashboards: `period`, `dateFrom`, `dateTo`, `includeTrends`, `locale`. */
export interface DashboardQuery {
  period?: unknown;
  dateFrom?: unknown;
  dateTo?: unknown;
  includeTrends?: unknown;
  locale?: unknown;
}

/**
 * A dashboard's metrics context from its query: `includeTrends` is `true` or `false`, the locale is
 * the query's or the `Accept-Language` one (resolved to en/de/fr/lb), and the rest is checked by
 * `metricsContextSchema` (`period` such as `7d`, `30d`, `12h`; ISO-8601 dates). Other query
 * parameters are ignored.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` with subject `query`.
 */
export function parseDashboardQuery(
  query: DashboardQuery,
  acceptLanguage: string | string[] | undefined,
): MetricsContext {
  const flags: Record<string, unknown> = { true: true, false: false };
  const includeTrends =
    query.includeTrends === undefined
      ? false
      : typeof query.includeTrends === 'string' && query.includeTrends in flags
        ? flags[query.includeTrends]
        : query.includeTrends;
  const context = {
    ...(query.period === undefined ? {} : { period: query.period }),
    ...(query.dateFrom === undefined ? {} : { dateFrom: query.dateFrom }),
    ...(query.dateTo === undefined ? {} : { dateTo: query.dateTo }),
    includeTrends,
    locale: parseLocale(query.locale, acceptLanguage),
  };
  parseInput(metricsContextSchema, context, 'query');
  return context as MetricsContext;
}

/**
 * The locale of a request from an optional `locale` query parameter and `Accept-Language`.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when `locale` is given but is not a 2 to 35 character string.
 */
export function parseLocale(locale: unknown, acceptLanguage: string | string[] | undefined): SupportedLocale {
  if (locale !== undefined && (typeof locale !== 'string' || locale.length < 2 || locale.length > 35)) {
    throw invalid('query', 'locale', 'Expected a language tag such as de or fr-LU');
  }
  return requestLocale(locale, acceptLanguage);
}

/** The `frontend` query parameter of the menu: `store` or `admin`, or `fallback` when absent. */
export function parseMenuFrontend(frontend: unknown, fallback: Frontend): 'store' | 'admin' {
  const value = parseInput(frontendSchema, frontend ?? fallback, 'query');
  if (value !== 'store' && value !== 'admin') throw invalid('query', 'frontend', 'Expected "store" or "admin"');
  return value;
}

/**
 * The body of an enable or disable call: nothing, or `{ "dryRun": boolean }`.
 *
 * @throws OrionError `ORION_ERR_VALIDATION` with subject `body`.
 */
export function parseEnablementBody(body: unknown): { dryRun: boolean } {
  if (body === undefined || body === null) return { dryRun: false };
  if (typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', '', 'Expected an object such as {"dryRun": true}');
  for (const key of Object.keys(body)) {
    if (key !== 'dryRun') throw invalid('body', key, `Unrecognized key "${key}"`);
  }
  const { dryRun } = body as { dryRun?: unknown };
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw invalid('body', 'dryRun', 'Expected true or false');
  return { dryRun: dryRun === true };
}

function invalid(subject: string, path: string, message: string): OrionError {
  const issues = [{ path, message, code: 'custom' }];
  return new OrionError('ORION_ERR_VALIDATION', {
    subject,
    issues: path ? `${path}: ${message}` : message,
    validationIssues: issues,
  });
}
