import { builtinModule } from '@cred-launch/core';

/**
 * The home directory where os.homedir() finds it first (libuv reads HOME, or
 * USERPROFILE on Windows, before asking the system), without loading node:os:
 * loading it and asking cost 1.1M instructions of a hit. Asked only when the
 * cache directory is the default one under home. Without the variable it
 * throws, and the full launcher answers, with os.homedir().
 */
export function homeFromEnv(env: NodeJS.ProcessEnv): string {
  const home = homeVariable(env);
  if (!home) throw new Error('no home directory variable');
  return home;
}

/**
 * os.homedir(), loading node:os only when the environment does not answer
 * (homeFromEnv's variable unset or empty, where libuv asks the system):
 * requiring node:os was 1M instructions of every cold call (package README).
 */
export function homeDirectory(env: NodeJS.ProcessEnv): string {
  return homeVariable(env) || (builtinModule('node:os') as typeof import('node:os')).homedir();
}

// The variable libuv's os.homedir() reads first.
function homeVariable(env: NodeJS.ProcessEnv): string | undefined {
  return process.platform === 'win32' ? env.USERPROFILE : env.HOME;
}
