/**
 * What cred-launch knows about AWS profiles, in one place. A private
 * workspace package: its consumers (the launcher, the file, secrets-manager
 * and sts packages, the testkit) bundle it with esbuild, so it is never a
 * runtime dependency and adds no module loads.
 */
export {
  awsFileLocations,
  readOptionalFile,
  configSectionNames,
  configSectionFor,
  profileOfConfigSection,
  PROFILE_NAME,
  STATIC_KEYS,
  PRECEDING_SETTINGS,
  type AwsFileLocations,
  type Env,
} from './locations.js';
export { readAwsProfiles, effectiveSetting, type AwsProfile, type AwsProfiles, type ProfileSetting, type FileProblem } from './read-profiles.js';
export { parseSharedIni, mergeSharedConfig, loadSharedConfig, type SharedConfig, type SharedIniSections, type ProfileSettings } from './js-sdk-config.js';
export { AwsConfigFile, type KeyEntry, type SectionRange } from './config-file-editor.js';
export { writeFileAtomically, isBackupName, type WriteResult } from './atomic-write.js';
export { withFileLocks, lockPathFor, type FileLockOptions } from './file-lock.js';
export { splitLikeBotocore, splitLikeShC, splitPosix, splitWindows, SplitError } from './split.js';
export { checkElement, formatCredentialProcess, linePlatform, needsQuotes, quoteElement, quotePosixArgument, type LinePlatform } from './quoting.js';
export { asLauncherInvocation, isCredLaunchBinName, isCredLaunchLine, isNodeName, parseCredLaunchCall, type CredLaunchCall, type LauncherInvocation } from './launcher-line.js';
export { expandHome, expandHomePath, resolveUserPath, type ExpandedArgument } from './home.js';
export {
  awsSdkErrorFields,
  awsSdkErrorKind,
  ACCESS_DENIED_CODES,
  BAD_SIGNATURE_CODES,
  CLOCK_SKEW_CODES,
  EXPIRED_TOKEN_CODES,
  NETWORK_ERROR_CODES,
  THROTTLING_CODES,
  UNKNOWN_KEY_CODES,
  VALIDATION_CODES,
  type AwsSdkErrorFields,
  type AwsSdkErrorKind,
} from './sdk-errors.js';
