import { DEFAULT_LABELS } from './args.js';

/** One line for `cred-launch plugins` and help. */
export const DESCRIPTION = 'AWS keys kept in 1Password (service account token or the desktop app)';

/** Text for `cred-launch 1password --help`. */
export const USAGE = `Usage: cred-launch 1password [op://VAULT/ITEM] [options]

Reads an AWS key pair from a 1Password item, by field label, or from explicit
secret references; every field is fetched in one request.

Fields (a <label> may be "SECTION/FIELD"; naming an optional field makes it required):
  --access-key-field <label>    default "${DEFAULT_LABELS.accessKeyId}"
  --secret-key-field <label>    default "${DEFAULT_LABELS.secretAccessKey}"
  --session-token-field <label> default "${DEFAULT_LABELS.sessionToken}" (optional)
  --mfa-serial-field <label>    default "${DEFAULT_LABELS.mfaSerial}" (optional)
  --totp-field <label>          default "${DEFAULT_LABELS.mfaTotpSeed}" (optional; its seed feeds --mfa-serial)
  --access-key-ref <ref>        an explicit op://VAULT/ITEM/[SECTION/]FIELD instead of ITEM + label;
  --secret-key-ref <ref>        likewise --session-token-ref, --mfa-serial-ref, --totp-ref

Authentication (the first that applies):
  --token-file <file>           a service account token in <file> (chmod 600)
  --account <name>              the 1Password desktop app, account <name> as shown in the app's
                                sidebar (or its UUID) — not a sign-in address like my.1password.com
  OP_SERVICE_ACCOUNT_TOKEN     a service account token
  OP_ACCOUNT                   the desktop app account, as --account (the op CLI also takes
                               sign-in addresses here; the SDK does not)

Example:
  credential_process = /usr/local/bin/cred-launch 1password "op://Private/AWS dev"
`;
