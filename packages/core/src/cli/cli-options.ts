import { idParamSchema } from '@orion/contracts';
import { InvalidArgumentError } from 'commander';

/**
 * Parses `--platform` and `--store` with the shared `idParamSchema`: decimal digits only, a positive
 * integer that fits an `integer` column (`0x10`, `1e3`, ` 12`, `12.0` are refused), or a usage error
 * (exit status 2).
 */
export function parseId(value: string): number {
  const result = idParamSchema.safeParse(value);
  if (!result.success) throw new InvalidArgumentError('Expected a positive integer id.');
  return result.data;
}
