import { rolesAnywhereError } from './errors.js';

/** The parts of an ARN this plugin uses. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

const ARN = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/u;

/**
 * Parses an ARN as the aws_signing_helper does (`arn.Parse`), refusing with
 * USAGE what is not one, so a mistyped flag fails before any file is read.
 */
export function parseArn(text: string, flag: string, service: string, resourcePrefix: string): ParsedArn {
  const match = ARN.exec(text);
  if (!match) {
    throw rolesAnywhereError('USAGE', `${flag} is not an ARN: "${text}"`, `expected arn:aws:${service}:REGION:ACCOUNT:${resourcePrefix}…`);
  }
  const [, partition = '', arnService = '', region = '', accountId = '', resource = ''] = match;
  if (arnService !== service || !resource.startsWith(resourcePrefix)) {
    throw rolesAnywhereError(
      'USAGE',
      `${flag} must be an ${service} ${resourcePrefix.replace(/\/$/u, '')} ARN (got "${text}")`,
      `expected arn:aws:${service}:REGION:ACCOUNT:${resourcePrefix}…`,
    );
  }
  return { partition, service: arnService, region, accountId, resource };
}
