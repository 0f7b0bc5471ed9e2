export type StoreErrorCode = 'newer-schema' | 'corrupt' | 'not-a-database' | 'migration-failed' | 'not-found' | 'invalid-input';

/** Every failure of the local store, with a message a user can act on. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: StoreErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
