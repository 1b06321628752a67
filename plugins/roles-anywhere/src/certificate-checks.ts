import type { X509Certificate } from 'node:crypto';
import { rolesAnywhereError } from './errors.js';
import type { SigningMaterial } from './signing-material.js';

/** Paths named in the messages. */
export interface CheckedPaths {
  certificate: string;
  privateKey: string;
  intermediates?: string;
}

function day(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** The validity window of a certificate as Dates (Node 20 has only the text form). */
export function validity(certificate: X509Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
}

function checkDates(certificate: X509Certificate, what: string, now: Date): void {
  const { notBefore, notAfter } = validity(certificate);
  const window = `valid ${day(notBefore)} to ${day(notAfter)}, now ${day(now)}`;
  if (now.getTime() < notBefore.getTime()) {
    throw rolesAnywhereError('CONFIG', `${what} is not valid yet (${window})`, "check this machine's clock, or wait until the certificate's start date");
  }
  if (now.getTime() > notAfter.getTime()) {
    throw rolesAnywhereError('CONFIG', `${what} has expired (${window})`, 'renew the certificate with your CA and point --certificate at the new one');
  }
}

/**
 * What the service would refuse anyway, refused before any request and
 * with the dates, which the service's AccessDeniedException does not give:
 * an expired or not-yet-valid certificate or intermediate, and a private key
 * that does not belong to the certificate. All are local configuration
 * (CONFIG, exit 78): nothing a retry or the service can change.
 */
export function checkSigningMaterial(material: SigningMaterial, paths: CheckedPaths, now: Date): void {
  checkDates(material.certificate, `certificate ${paths.certificate}`, now);
  material.chain.forEach((intermediate, index) =>
    checkDates(intermediate, `intermediate certificate ${index + 1} of ${paths.intermediates ?? '--intermediates'} (${intermediate.subject.replace(/\n/gu, ', ')})`, now),
  );
  if (!material.certificate.checkPrivateKey(material.privateKey)) {
    throw rolesAnywhereError(
      'CONFIG',
      `private key ${paths.privateKey} does not belong to certificate ${paths.certificate}`,
      'use the key the certificate was issued for (compare `openssl x509 -pubkey -noout -in CERT` with `openssl pkey -pubout -in KEY`)',
    );
  }
}
