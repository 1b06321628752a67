// On globalThis, not in a module variable: the launcher's bundles are
// self-contained, so the process guard (in main's bundle) and a command (in
// its own lazy bundle) each have their own copy of this module.
const OWNED = Symbol.for('cred-launch.signals-owned-by-command');

/**
 * Lets a command that outlives one credential call take SIGINT and SIGTERM
 * over from the process guard, which otherwise ends the call at once with
 * 130/143: `exec` passes them on to its child and exits with the child's
 * status, `serve` shuts its endpoint down cleanly. Returns the release.
 */
export function takeOverSignals(): () => void {
  (globalThis as Record<symbol, unknown>)[OWNED] = true;
  return () => {
    (globalThis as Record<symbol, unknown>)[OWNED] = false;
  };
}

/** Whether a command has taken SIGINT and SIGTERM over (the process guard then stands aside). */
export function signalsOwnedByCommand(): boolean {
  return (globalThis as Record<symbol, unknown>)[OWNED] === true;
}
