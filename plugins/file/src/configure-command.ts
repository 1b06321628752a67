import { linePlatform, quoteElement, type LinePlatform } from '@cred-launch/aws-profiles';
import { isCredentialError } from '@cred-launch/core';

/** The `cred-launch configure …` commands that set up profiles reading an encrypted file, and what stops one. */
export interface ConfigureCommands {
  /** One command per profile, ready to paste into a shell. */
  commands: string[];
  /** Why no command could be given (an argument AWS's quoting rules cannot carry), or undefined. */
  problem: string | undefined;
}

/** What the plugin arguments of the configured line hold. */
export interface ConfigureCommandInput {
  /** Absolute path of the encrypted file. */
  file: string;
  /** `--key-file ABS` or `--key-env NAME`, or a placeholder the user replaces. */
  keyArgs: readonly string[];
  /** Options to repeat so the file reads back (`--iter`, `--md`). */
  extra: readonly string[];
  /** Profiles in the file; each gets its own AWS profile of the same name. */
  profiles: readonly string[];
  /** @default the running platform's */
  platform?: LinePlatform;
}

/**
 * `cred-launch configure --profile P file FILE --key-file KEY [--profile P]`
 * for each profile, each word quoted with the quoting configure itself uses
 * for the credential_process line it writes (AWS's documented rules, via
 * `@cred-launch/aws-profiles`), so the command configure receives is exactly
 * the argv it will write. configure then writes the absolute node and bin.
 */
export function configureCommands(input: ConfigureCommandInput): ConfigureCommands {
  const platform = input.platform ?? linePlatform();
  const commands: string[] = [];
  try {
    for (const profile of input.profiles) {
      const pluginArgs = ['file', input.file, ...input.keyArgs, ...(profile === 'default' ? [] : ['--profile', profile]), ...input.extra];
      const words = ['--profile', profile, ...pluginArgs].map((word) => quoteElement(word, platform));
      commands.push(`cred-launch configure ${words.join(' ')}`);
    }
  } catch (error) {
    if (!isCredentialError(error, 'USAGE')) throw error;
    return { commands: [], problem: error.message };
  }
  return { commands, problem: undefined };
}
