/**
 * Resolves with why a long-running command should end: Ctrl-C (SIGINT), SIGTERM, or after
 * `timeoutMs` when given. `cancel` removes the handlers (the command ended for another reason).
 */
export function untilStopped(timeoutMs: number | undefined): { stopped: Promise<string>; cancel(): void } {
  let cancel = (): void => undefined;
  const stopped = new Promise<string>((resolve) => {
    const finish = (reason: string): void => {
      cancel();
      resolve(reason);
    };
    const onInt = (): void => finish('SIGINT');
    const onTerm = (): void => finish('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish(`--timeout of ${timeoutMs / 1000} s`), timeoutMs);
    // Signal handlers do not keep Node running, and reconnect timers are unref'd: without this
    // handle the process would end (exit 13) as soon as its link drops (issue 9 #7).
    const hold = setInterval(() => undefined, 2 ** 30);
    cancel = () => {
      clearTimeout(timer);
      clearInterval(hold);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  });
  return { stopped, cancel: () => cancel() };
}
