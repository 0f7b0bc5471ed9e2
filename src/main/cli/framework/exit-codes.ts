/**
 * The exit codes of every `usp-console` command (README "CLI"): the same failure gives the same
 * code in every command.
 */
export const EXIT = {
  ok: 0,
  /** The agent answered with a USP error (or refused a path), or two snapshots differ. */
  failed: 1,
  /** Bad arguments or unusable input: an unknown flag, a bad path, a file that cannot be read or is not what the command takes. */
  usage: 2,
  /** A timeout or a transport failure: the agent, broker or port could not be reached or used. */
  unreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
