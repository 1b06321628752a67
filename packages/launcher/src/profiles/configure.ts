import {
  AwsConfigFile,
  awsFileLocations,
  configSectionFor,
  configSectionNames,
  isCredLaunchLine,
  linePlatform,
  PRECEDING_SETTINGS,
  readOptionalFile,
  STATIC_KEYS,
  withFileLocks,
  writeFileAtomically,
  type AwsFileLocations,
  type FileLockOptions,
  type LinePlatform,
} from '@cred-launch/aws-profiles';
import { CredentialError, type SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from '../io.js';
import type { ConfigureRequest } from './configure-args.js';
import { buildConfigureLine, launcherExecutables, type LauncherExecutables } from './configure-line.js';
import { verifyPlugin, type VerifiedCredentials, type VerifyContext } from './verify-plugin.js';

/** A file configure changed (or would change, in a dry run). */
export interface FileChange {
  path: string;
  /** Where the previous content was saved. */
  backup: string | undefined;
  created: boolean;
}

/** Everything `configure` did, for the caller to print. Nothing secret. */
export interface ConfigureResult {
  profile: string;
  configFile: string;
  /** The section written, e.g. `profile dev` or `default`. */
  section: string;
  line: string;
  /** The value replaced, when there was one. */
  previousLine: string | undefined;
  /** False when the file already held exactly this line. */
  changed: boolean;
  dryRun: boolean;
  verified: VerifiedCredentials;
  configWrite: FileChange | undefined;
  /** Static keys removed with --remove-static-keys: file → key names. */
  removedStaticKeys: Array<{ file: string; keys: string[]; write: FileChange | undefined }>;
  /** For stderr: things that will stop the profile from working as expected. */
  warnings: string[];
  /** For stderr: what was rewritten on the way (`~` expanded…). */
  notes: string[];
}

/** Seams for tests; production uses the defaults. */
export interface ConfigureDependencies {
  verify?: (plugin: string, args: readonly string[], context: VerifyContext) => Promise<VerifiedCredentials>;
  executables?: LauncherExecutables;
  platform?: LinePlatform;
  now?: () => Date;
  /** How long to wait for another configure editing the same files. */
  lock?: FileLockOptions;
}

function staticKeysIn(document: AwsConfigFile, sections: readonly string[]): string[] {
  const section = document.findSection(sections);
  if (!section) return [];
  return document
    .entries()
    .filter((entry) => entry.section === section.name && STATIC_KEYS.includes(entry.key))
    .map((entry) => entry.key);
}

/** Refuses to replace a credential_process another tool wrote, unless --yes. */
function checkNotForeign(config: AwsConfigFile, request: ConfigureRequest, configFile: string, line: string, platform: LinePlatform): void {
  const section = config.findSection(configSectionNames(request.profile));
  const existing = config.entries().find((entry) => entry.section === section?.name && entry.key === 'credential_process');
  if (existing && existing.value !== line && !request.yes && !isCredLaunchLine(existing.value, platform)) {
    throw new CredentialError('USAGE', `configure: profile "${request.profile}" already runs another credential_process (${configFile}:${existing.line})`, {
      hint: 'pass --yes to replace it (a backup of the file is kept)',
    });
  }
}

/** What the edit of the two files did; computed from what was read under the lock. */
type FileEdits = Pick<ConfigureResult, 'previousLine' | 'changed' | 'configWrite' | 'removedStaticKeys' | 'section'> & { warnings: string[] };

/**
 * Reads both files, sets the line, and writes what changed. Runs under the
 * files' locks (except in a dry run), so it re-reads everything: another
 * configure may have written a profile since the checks before the plugin ran.
 */
function editFiles(request: ConfigureRequest, locations: AwsFileLocations, line: string, platform: LinePlatform, now: () => Date): FileEdits {
  const warnings: string[] = [];
  const section = configSectionFor(request.profile);
  const sectionNames = configSectionNames(request.profile);
  const configText = readOptionalFile(locations.configFile);
  const config = AwsConfigFile.parse(configText ?? '');
  checkNotForeign(config, request, locations.configFile, line, platform);
  const { previous } = config.setKey(sectionNames, section, 'credential_process', line);
  const profileSection = config.findSection(sectionNames);
  for (const entry of config.entries()) {
    if (entry.section === profileSection?.name && PRECEDING_SETTINGS.includes(entry.key)) {
      warnings.push(`[${entry.section}] also sets ${entry.key} (${locations.configFile}:${entry.line}); the SDKs use that before credential_process`);
    }
  }
  const configStatic = staticKeysIn(config, sectionNames);
  const credentialsText = readOptionalFile(locations.credentialsFile);
  const credentials = AwsConfigFile.parse(credentialsText ?? '');
  const credentialsStatic = staticKeysIn(credentials, [request.profile]);
  const overriding = credentials.entries().find((entry) => entry.section === request.profile && entry.key === 'credential_process');
  if (overriding) {
    warnings.push(
      `${locations.credentialsFile}:${overriding.line} also sets credential_process for [${request.profile}], and the SDKs let the credentials file win: remove that line`,
    );
  }
  const removedStaticKeys: ConfigureResult['removedStaticKeys'] = [];
  if (request.removeStaticKeys) {
    if (configStatic.length > 0) removedStaticKeys.push({ file: locations.configFile, keys: config.removeKeys(sectionNames, STATIC_KEYS), write: undefined });
  } else {
    if (credentialsStatic.length > 0) {
      warnings.push(
        `${locations.credentialsFile} has ${credentialsStatic.join(', ')} in [${request.profile}]: the SDKs use those keys before credential_process, so it would never run. ` +
          'Re-run with --remove-static-keys to remove them (a backup is kept).',
      );
    }
    if (configStatic.length > 0) {
      warnings.push(
        `[${section}] in ${locations.configFile} has ${configStatic.join(', ')}: the JS SDK uses those keys before credential_process. Re-run with --remove-static-keys to remove them.`,
      );
    }
  }

  const newConfigText = config.toString();
  const changed = newConfigText !== (configText ?? '');
  let configWrite: FileChange | undefined;
  if (!request.dryRun && changed) configWrite = writeFileAtomically(locations.configFile, newConfigText, now());
  if (request.removeStaticKeys && credentialsStatic.length > 0 && credentialsText !== undefined) {
    const keys = credentials.removeKeys([request.profile], STATIC_KEYS);
    const write = request.dryRun ? undefined : writeFileAtomically(locations.credentialsFile, credentials.toString(), now());
    removedStaticKeys.push({ file: locations.credentialsFile, keys, write });
  }
  return { previousLine: previous, changed, configWrite, removedStaticKeys, section: profileSection?.name ?? section, warnings };
}

/**
 * `cred-launch configure`: builds the line (refusing what AWS's quoting
 * cannot express), runs the plugin once, then writes credential_process into
 * the profile, preserving everything else in the file. Static keys for the
 * same profile are reported, and removed only with --remove-static-keys.
 * The write is a locked read-modify-write: parallel runs for different
 * profiles all land.
 */
export async function configureProfile(
  request: ConfigureRequest,
  context: { io: LauncherIo; redactor: SecretRedactor; log: (message: string) => void },
  dependencies: ConfigureDependencies = {},
): Promise<ConfigureResult> {
  const { io } = context;
  const platform = dependencies.platform ?? linePlatform();
  const locations = awsFileLocations(io.env, io.homedir, io.cwd, request.configFile);
  const built = buildConfigureLine(dependencies.executables ?? launcherExecutables(io.env), request.launcherArgs, request.plugin, request.pluginArgs, {
    homedir: io.homedir,
    cwd: io.cwd,
    platform,
  });
  const notes = [...built.notes];

  // Checked before the plugin runs (nothing is fetched for a line we would
  // refuse), and again under the lock.
  checkNotForeign(AwsConfigFile.parse(readOptionalFile(locations.configFile) ?? ''), request, locations.configFile, built.line, platform);

  const verify = dependencies.verify ?? verifyPlugin;
  const verified = await verify(request.plugin, request.pluginArgs, { ...context, options: request.launcherOptions });

  const now = dependencies.now ?? (() => new Date());
  const edit = (): FileEdits => editFiles(request, locations, built.line, platform, now);
  const lockedFiles = request.removeStaticKeys ? [locations.configFile, locations.credentialsFile] : [locations.configFile];
  const edits = request.dryRun ? edit() : await withFileLocks(lockedFiles, edit, dependencies.lock);
  if (locations.configFileOverridden) {
    notes.push(`the SDKs read ${locations.configFile} only when AWS_CONFIG_FILE points at it`);
  }
  return {
    profile: request.profile,
    configFile: locations.configFile,
    section: edits.section,
    line: built.line,
    previousLine: edits.previousLine,
    changed: edits.changed,
    dryRun: request.dryRun,
    verified,
    configWrite: edits.configWrite,
    removedStaticKeys: edits.removedStaticKeys,
    warnings: [...built.warnings, ...edits.warnings],
    notes,
  };
}
