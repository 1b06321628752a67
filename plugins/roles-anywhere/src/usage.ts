/** `cred-launch roles-anywhere --help`. */
export const SOURCE_USAGE = `Usage: cred-launch roles-anywhere --certificate <cert.pem> --private-key <key.pem>
         --trust-anchor-arn <arn> --profile-arn <arn> --role-arn <arn> [options]

Temporary AWS credentials from IAM Roles Anywhere: signs CreateSession with the
certificate's private key (SigV4-X509). The flags are those of
  aws_signing_helper credential-process
so an existing credential_process line converts by changing the program name.

Required:
  --certificate <path>         end-entity X.509 certificate (PEM or DER)
  --private-key <path>         its private key: RSA or EC, PEM (PKCS#1, SEC1 or PKCS#8)
  --trust-anchor-arn <arn>     arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/ID
  --profile-arn <arn>          arn:aws:rolesanywhere:REGION:ACCOUNT:profile/ID
  --role-arn <arn>             arn:aws:iam::ACCOUNT:role/NAME (one of the profile's roles)

Options:
  --intermediates <path>       PEM bundle of intermediate CA certificates
  --private-key-passphrase-file <path>
                               first line = passphrase of an encrypted key (mode 600, yours);
                               an encrypted key without it is refused
  --session-duration <seconds> 900-43200 (default: 3600)
  --role-session-name <name>   session name (default: the service's)
  --region <region>            default: the trust anchor ARN's, else AWS_REGION
  --endpoint <url>             default: AWS_ENDPOINT_URL_ROLESANYWHERE, AWS_ENDPOINT_URL,
                               else https://rolesanywhere.REGION.amazonaws.com
  --debug                      accepted for compatibility; use cred-launch --verbose

Not supported (refused with what to do): --cert-selector, --system-store-name,
--use-latest-expiring-certificate, --pkcs11-lib, --reuse-pin, --tpm-key-password,
--no-tpm-key-password, --pkcs8-password (use --private-key-passphrase-file),
--no-verify-ssl, --with-proxy.

Example (~/.aws/config):
  [profile ra]
  credential_process = /usr/local/bin/cred-launch roles-anywhere --certificate /home/me/.aws/ra/cert.pem --private-key /home/me/.aws/ra/key.pem --trust-anchor-arn arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/TA-ID --profile-arn arn:aws:rolesanywhere:eu-west-1:123456789012:profile/PROFILE-ID --role-arn arn:aws:iam::123456789012:role/ra-role
`;
