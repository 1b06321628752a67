import { EXIT_CODES, type CredentialSource } from '@cred-launch/core';
import { launcherVersion } from '../launcher-paths.js';
import type { CommandContext } from './command-context.js';

/** `cred-launch --help` (or `help`, or no command at all). */
export async function runCommand(_args: readonly string[], context: CommandContext): Promise<number> {
  await context.io.writeStdout(launcherHelp(launcherVersion()));
  return 0;
}

/** The launcher's --help text. */
export function launcherHelp(version: string): string {
  const exitCodes = Object.entries(EXIT_CODES)
    .map(([code, exit]) => `  ${String(exit).padEnd(4)}${code}`)
    .join('\n');
  return `cred-launch ${version} — AWS credential_process, pluggable

Usage:
  cred-launch [launcher options] <plugin> [plugin args…]
  cred-launch <plugin> --help            the plugin's own usage
  cred-launch <plugin> <command> [args]  a command the plugin offers (e.g. file encrypt)
  cred-launch plugins                    list installed plugins and versions
  cred-launch cache clear                delete every cached credential
  cred-launch cache path                 print the cache directory
  cred-launch help <command or plugin>   that command's or plugin's usage
  cred-launch configure --profile <name> [launcher options] <plugin> [plugin args…]
                                         run the plugin once, then write its credential_process
                                         line into ~/.aws/config (see configure --help)
  cred-launch doctor [--profile <name>] [--json]
                                         run and check every profile that uses credential_process
  cred-launch exec [--server] <plugin> [plugin args…] -- <command> [args…]
                                         run a command with the credentials (in its environment,
                                         or from a loopback endpoint with --server); see exec --help
  cred-launch export [--format env|fish|powershell|json|ini|process] <plugin> [plugin args…]
                                         print the credentials for a shell or a file
  cred-launch serve --profile <name>… | <plugin> [plugin args…]
                                         a long-running loopback credentials endpoint for SDKs
  (exec, export and serve also take --profile <name> instead of a plugin)
  cred-launch completion bash|zsh|fish   a shell completion script (see completion --help)

In ~/.aws/config:
  [profile dev]
  credential_process = /usr/local/bin/cred-launch vault secret/aws/dev

Launcher options (before the plugin name; everything after it is the plugin's):
  -h, --help               this text
  -V, --version            print the version
  -v, --verbose            redacted debug lines on stderr (or CRED_LAUNCH_VERBOSE=1)
  --debug                  --verbose, plus a plugin's unexpected error with its message and stack
                           (redacted of registered secrets; for plugin authors, at a terminal)
  --timeout <duration>     overall time limit, e.g. 30s (default 30s; CRED_LAUNCH_TIMEOUT)
  --no-cache               neither read nor write the cache (or CRED_LAUNCH_NO_CACHE=1)
  --cache-ttl <duration>   also cache credentials that have no Expiration, for this long
  --refresh-window <dur>   serve cached credentials only while more than this remains (default 15m)
  --session                exchange the plugin's keys for an STS session (needs @cred-launch/sts)
  --assume-role <arn>      assume this role with the plugin's keys (needs @cred-launch/sts)
    --external-id <id>  --role-session-name <name>  --duration <duration>  --source-identity <id>
  --mfa-serial <arn>       MFA device for --session/--assume-role
  --mfa-command <cmd>      command that prints the MFA code (order: a TOTP seed stored with the keys,
                           then this command, then the --mfa-prompt drivers)
  --mfa-prompt <mode>      how to ask for an MFA code: auto (default: the terminal, then a desktop
                           dialog), tty, zenity, kdialog, osascript, or none (fail at once, for IDEs
                           and CI; CRED_LAUNCH_MFA_PROMPT)

Plugins are found by name next to where cred-launch is installed, never in the
current directory: "vault" is @cred-launch/plugin-vault or cred-launch-plugin-vault,
"@acme/foo" is @acme/cred-launch-plugin-foo, and a name starting with ./ ../ or /
is a path to a plugin module. Reserved words: cache, completion, configure, doctor,
exec, export, help, plugins, serve, version.

Environment:
  CRED_LAUNCH_CACHE_DIR    cache directory (default $XDG_RUNTIME_DIR/cred-launch, else ~/.cache/cred-launch)

stdout carries exactly one credential_process JSON document, or nothing.
Exit codes:
  0   success
${exitCodes}
`;
}

/** `cred-launch <plugin> --help`. */
export function pluginHelp(source: CredentialSource<unknown>, version: string | undefined): string {
  const lines = [`${source.name}${version ? ` ${version}` : ''} — ${source.description}`, '', source.usage.trimEnd()];
  const commands = Object.entries(source.commands ?? {});
  if (commands.length > 0) {
    lines.push('', 'Commands:');
    for (const [name, command] of commands) lines.push(`  cred-launch ${source.name} ${name.padEnd(12)} ${command.description}`);
  }
  return `${lines.join('\n')}\n`;
}
