/**
 * Milliseconds of CPU this process has used (user + system). Tests that guard against super-linear work time
 * themselves with it rather than the wall clock, so a busy machine (other builds, other test files) does not
 * fail them: waiting for a core costs wall time, not CPU time.
 */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
