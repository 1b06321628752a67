/**
 * @cred-launch/core — the contract between the cred-launch launcher and its
 * plugins. No runtime dependencies, nothing done at import time.
 */
export type { AwsCredentials, SourceCredentials, CredentialProcessOutput } from './credentials.js';
export { CredentialError, isCredentialError, exitCodeFor, EXIT_CODES, CREDENTIAL_ERROR_CODES, type CredentialErrorCode, type CredentialErrorOptions } from './errors.js';
export { SecretRedactor, maskAccessKeyId, REDACTED, type SecretSink } from './redact.js';
export { validateCredentials, toAwsCredentials, formatExpiration, type ValidateOptions } from './validate.js';
export { toCredentialProcessOutput, fromCredentialProcessOutput, formatCredentialProcessOutput } from './output.js';
export { credentialsFromRecord, parseExpiration, COMMON_SPELLINGS, type CredentialField, type FieldOverrides, type RecordMappingOptions } from './mapping.js';
export { parseIni, credentialsFromIni, looksLikeIni, type IniSections, type IniCredentialsOptions } from './ini.js';
export { scanIniLines, cutIniComment, type IniLine, type IniEntry, type IniLineEnding } from './ini-lines.js';
export {
  CONTRACT_VERSION,
  defineCredentialSource,
  defineSourceCommand,
  describeShapeProblem,
  type CredentialSource,
  type SourceCommand,
  type SourceContext,
  type SourceCommandContext,
  type TerminalPrompt,
  type TerminalQuestion,
  type SourceEnv,
  type ParseArgsInput,
  type DebugLogger,
} from './source.js';
export { parseArguments, parseDurationSeconds, type ArgumentOptions, type ParseArgumentsOptions, type ParsedArguments } from './args.js';
export { closestMatch, editDistance } from './suggest.js';
export { MemoryStateStore, type SourceStateStore } from './state.js';
export { abortable } from './abort.js';
export { dotSegmentIn } from './path-segments.js';
export { readRegularFile, readRegularFileSync, REGULAR_FILE_MAX_BYTES, type ReadRegularFileOptions, type RegularFileRead } from './regular-file.js';
export type { StsOptions } from './sts-options.js';
export { RESERVED_COMMAND_WORDS, PLUGIN_NAME_PATTERN, isPluginPath, pluginNameProblem, pluginPackageCandidates, pluginNameFromPackage } from './plugin-names.js';
export { runCredentialSource, toCredentialError, type RunSourceOptions } from './run.js';
export { sha256, sha256Hex, hmacSha256, toHex, utf8 } from './sha256.js';
export { builtinModule } from './builtin-module.js';
