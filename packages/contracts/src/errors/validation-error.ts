import type { z } from 'zod';
import { OrionError } from './orion-error.js';

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
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error);
  throw new OrionError('ORION_ERR_VALIDATION', {
    subject,
    issues: formatValidationIssues(issues),
    validationIssues: issues,
  });
}
