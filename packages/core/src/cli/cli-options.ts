import { InvalidArgumentError } from 'commander';

/** Parses `--platform` and `--store`: a positive integer, or a usage error (exit status 2). */
export function parseId(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new InvalidArgumentError('Expected a positive integer id.');
  return Number(value);
}
