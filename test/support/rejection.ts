import { isOrionError, type OrionErrorLike } from '../../packages/contracts/src/index.js';

/** The OrionError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<OrionErrorLike> {
  try {
    await promise;
  } catch (error) {
    if (isOrionError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject with an OrionError');
}
