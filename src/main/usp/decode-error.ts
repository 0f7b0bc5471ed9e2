/** Why a byte string could not be decoded as a USP Record or Msg. */
export type UspDecodeErrorKind =
  | 'malformed'
  | 'truncated'
  | 'no-record-type'
  | 'unknown-enum'
  | 'type-mismatch'
  | 'missing-field'
  | 'too-large';

/**
 * The only error the decoders throw. `offset` is the byte position in the decoded input where the
 * problem was found, when known. Callers map it to R-MTP.5 handling: answer with Error 7100/7004
 * when a reply is possible, otherwise drop the Record.
 */
export class UspDecodeError extends Error {
  readonly kind: UspDecodeErrorKind;
  readonly offset?: number;

  constructor(kind: UspDecodeErrorKind, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = 'UspDecodeError';
    this.kind = kind;
    if (offset !== undefined) this.offset = offset;
  }

  /** A copy whose offset is shifted by `base`, for errors found inside an embedded payload. */
  shifted(base: number, context: string): UspDecodeError {
    const message = this.message.replace(/ \(at byte \d+\)$/, '');
    return new UspDecodeError(this.kind, `${context}: ${message}`, this.offset === undefined ? undefined : this.offset + base);
  }
}
