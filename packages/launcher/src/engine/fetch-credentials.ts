import { runCredentialSource, type CredentialSource, type SourceStateStore } from '@cred-launch/core';
import type { Deadline } from '../deadline.js';
import { LAUNCHER_DIR } from '../launcher-paths.js';
import { explainMisplacedOption } from './misplaced-option.js';
import { raceKeepingPluginError } from './plugin-error-wins.js';
import { exchangeWithSts, wantsSts } from './sts-exchange.js';
import type { CredentialInvocation, EngineContext } from './types.js';
import { validateResult, type ValidatedResult } from './validate-result.js';

/** Where the answer came from, with the validated result. */
export interface FetchedCredentials extends ValidatedResult {
  origin: 'plugin' | 'sts';
}

/**
 * The backend part of a call: the plugin under the time limit (core parses
 * its arguments, runs it and validates its answer), then the optional STS
 * layer, then core's validation of what comes out of that layer as well.
 */
export async function fetchCredentials(
  source: CredentialSource<unknown>,
  invocation: CredentialInvocation,
  context: EngineContext,
  deadline: Deadline,
  state: SourceStateStore | undefined,
): Promise<FetchedCredentials> {
  const { env, redactor, log } = context;
  const now = context.now ?? (() => new Date());
  const { options } = invocation;
  const fromPlugin = await raceKeepingPluginError(
    deadline,
    runCredentialSource(source, invocation.args, { env, signal: deadline.signal, log, redactor, now, cwd: context.cwd, homedir: context.homedir, ...(state ? { state } : {}) }),
    `plugin "${source.name}"`,
    options.timeoutSeconds,
  ).catch((error: unknown) => {
    throw explainMisplacedOption(error, invocation.plugin, invocation.args);
  });
  if (!wantsSts(options.sts)) return { origin: 'plugin', ...validateResult(fromPlugin, 'plugin', source.name, now) };
  const stsContext = {
    env,
    signal: deadline.signal,
    log,
    secrets: redactor,
    now,
    mfaPrompt: options.mfaPrompt,
    ...(context.promptMfaCode ? { promptMfaCode: context.promptMfaCode } : {}),
  };
  const session = await raceKeepingPluginError(
    deadline,
    exchangeWithSts(fromPlugin, { ...options.sts }, stsContext, context.launcherDir ?? LAUNCHER_DIR),
    'the STS exchange',
    options.timeoutSeconds,
  );
  // Registered before validating: a refused session's secrets are still secrets.
  for (const secret of [session.secretAccessKey, session.sessionToken]) if (typeof secret === 'string') redactor.add(secret);
  return { origin: 'sts', ...validateResult(session, 'sts', source.name, now) };
}
