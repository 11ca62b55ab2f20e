/**
 * Crash points for tests: HPCONF_FAILPOINT=NAME kills this process with SIGKILL when it reaches NAME, so a test can
 * crash a writer between any two steps of a protocol (values-snapshot.ts) and check what a reader then sees.
 */
const at = process.env.HPCONF_FAILPOINT;

export function failpoint(name: string): void {
  if (at === name) process.kill(process.pid, 'SIGKILL');
}
