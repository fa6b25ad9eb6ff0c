import type { z } from 'zod';
import { OrionError } from './orion-error.js';
import { nulCharacterMessage } from '../inputs/text-schema.js';

/** One problem zod found, as carried in `details.issues` of an `ORION_ERR_VALIDATION` error. */
export interface ValidationIssue {
  path: string;
  message: string;
  code: string;
}

/** Converts zod issues into the plain, serialisable shape Orion errors carry. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** Renders issues as one readable line: `storeId: Too small; dateFrom: Invalid date`. */
export function formatValidationIssues(issues: ValidationIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

/**
 * Parses `input` with `schema`, or throws `ORION_ERR_VALIDATION` naming `subject` and every issue.
 * A NUL (`\u0000`) in any string of the parsed value is an issue too (PostgreSQL can not store it,
 * SQLite can: refusing it here keeps both databases alike; see {@link textSchema}).
 *
 * @throws OrionError `ORION_ERR_VALIDATION` when the input does not match.
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { parseInput } from '@orion/contracts';
 *
 * const id = parseInput(z.number().int().positive(), 12, 'storeId'); // 12; 'twelve' throws ORION_ERR_VALIDATION
 * ```
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, subject: string): z.output<T> {
  const result = schema.safeParse(input);
  const issues = result.success ? nulIssues(result.data) : toValidationIssues(result.error);
  if (issues.length === 0) return result.data as z.output<T>;
  throw new OrionError('ORION_ERR_VALIDATION', {
    subject,
    issues: formatValidationIssues(issues),
    validationIssues: issues,
  });
}

/** Issues for every string holding a NUL character in a parsed value (plain objects and arrays only). */
function nulIssues(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (typeof node === 'string') {
      if (node.includes('\u0000')) issues.push({ path, message: nulCharacterMessage, code: 'custom' });
      return;
    }
    if (depth > 32 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, path ? `${path}.${index}` : String(index), depth + 1));
      return;
    }
    const prototype = Object.getPrototypeOf(node) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return;
    for (const [key, item] of Object.entries(node)) visit(item, path ? `${path}.${key}` : key, depth + 1);
  };
  visit(value, '', 0);
  return issues;
}
