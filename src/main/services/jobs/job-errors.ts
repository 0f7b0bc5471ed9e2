/** Bad job input (file, filter, group, targets): the API answers 400 with this message. */
export class JobInputError extends Error {
  constructor(
    message: string,
    /** Offset in the filter expression, when the problem is there. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'JobInputError';
  }
}

/** An action that does not fit the job's state (resume a finished job, roll back a Get…): 409. */
export class JobStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobStateError';
  }
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`no job ${jobId}`);
    this.name = 'JobNotFoundError';
  }
}
