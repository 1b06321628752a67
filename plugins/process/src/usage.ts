/** `cred-launch process --help`. */
export const SOURCE_USAGE = `Usage: cred-launch process -- <command> [args…]

Runs another credential_process helper (aws_signing_helper credential-process,
saml2aws, 'aws configure export-credentials --format process', a script…) and
gives it what the AWS CLI does not: cred-launch's cache (temporary credentials
are served until 15 minutes before they expire), a single-flight lock (parallel
calls run the helper once), the time limit (--timeout; the helper and every
process it started are killed when it runs out), validation of what it prints,
and redaction (values it printed on stdout never reach stderr).

The command runs without a shell, in a new process group, with stdin closed
and without a controlling terminal: a helper that must prompt cannot do it here
(warm the cache from a terminal by running the same line once there).
Its stderr is shown only when it fails (last lines, redacted) or with --verbose.

Example (~/.aws/config): an existing line
  credential_process = /usr/local/bin/aws_signing_helper credential-process --certificate …
becomes
  credential_process = /usr/local/bin/cred-launch process -- /usr/local/bin/aws_signing_helper credential-process --certificate …
`;
