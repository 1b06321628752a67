const BACKENDS = `Backends (--backend; default: the platform's own):
  secret-service   Linux/BSD: the freedesktop Secret Service (GNOME Keyring, KWallet,
                   KeePassXC) through secret-tool (package libsecret-tools)
  macos            the login keychain through security (in /usr/bin)
  windows          the Credential Manager through Windows PowerShell`;

/** `cred-launch keychain --help`. */
export const SOURCE_USAGE = `Usage: cred-launch keychain <name> [--backend secret-service|macos|windows]
       cred-launch keychain add <name> [--from-stdin | --from-file <file> [--section <s>]]
       cred-launch keychain list
       cred-launch keychain remove <name>

Prints the AWS credentials stored under <name> in the operating system's keychain
(service "cred-launch", account <name>). An entry may also hold an MFA device ARN
and TOTP seed, which the launcher's --session / --assume-role use.

${BACKENDS}

Example (~/.aws/config):
  [profile dev]
  credential_process = /usr/local/bin/cred-launch keychain dev
`;

/** `cred-launch keychain add --help`. */
export const ADD_USAGE = `Usage: cred-launch keychain add <name> [options]

Stores AWS keys under <name>. By default asks on the terminal (the secret access key
is typed with echo off); keys never go on the command line.

Options:
  --from-stdin              read the keys from standard input, for scripts: a JSON
                            object (credential_process output, or any common spelling:
                            AccessKeyId / aws_access_key_id …, SessionToken, Expiration,
                            mfa_serial, mfa_totp_seed) or key=value lines
                            (aws_access_key_id=…, AWS_SECRET_ACCESS_KEY=…)
  --from-file <file>        import one section of an AWS credentials file (INI)
  --section <name>          the section of --from-file (default: default)
  --mfa-serial <arn>        MFA device ARN to store with the keys
  --force                   replace an entry of the same name
  --backend <kind>          secret-service, macos or windows (default: this platform's)

Names: letters, digits and . _ @ + - (up to 128); not add, list or remove.

Examples:
  cred-launch keychain add dev
  cred-launch keychain add dev --from-file ~/.aws/credentials --section dev
  aws configure export-credentials --profile old | cred-launch keychain add old --from-stdin
`;

/** `cred-launch keychain list --help`. */
export const LIST_USAGE = `Usage: cred-launch keychain list [--backend <kind>]

Prints the names stored by cred-launch keychain add, one per line. Never a value.
`;

/** `cred-launch keychain remove --help`. */
export const REMOVE_USAGE = `Usage: cred-launch keychain remove <name> [--backend <kind>]

Deletes the entry <name> from the keychain. Exit status 66 when there is none.
`;
