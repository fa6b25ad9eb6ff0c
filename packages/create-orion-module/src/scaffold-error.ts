/** The codes {@link ScaffoldError} carries. */
export type ScaffoldErrorCode =
  | 'CREATE_ORION_MODULE_ERR_NAME_INVALID'
  | 'CREATE_ORION_MODULE_ERR_CODE_RESERVED'
  | 'CREATE_ORION_MODULE_ERR_DIR_NOT_EMPTY';

/**
 * Why the scaffold refused to write: a stable `code` and a message that says what to do.
 *
 * @example
 * ```ts
 * import { ScaffoldError, moduleNames } from 'create-orion-module';
 * try {
 *   moduleNames('core');
 * } catch (error) {
 *   if (error instanceof ScaffoldError) console.log(error.code); // 'CREATE_ORION_MODULE_ERR_CODE_RESERVED'
 * }
 * ```
 */
export class ScaffoldError extends Error {
  /** Always `ScaffoldError`. */
  override readonly name = 'ScaffoldError';
  constructor(
    /** Why, for a program: see {@link ScaffoldErrorCode}. */
    readonly code: ScaffoldErrorCode,
    message: string,
  ) {
    super(message);
  }
}
