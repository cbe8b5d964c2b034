import { CRLDistributionPointsExtension, type X509Certificate } from '@peculiar/x509';

/** The http(s) URLs of a certificate's CRL distribution points, in the certificate's order; LDAP and others are skipped. */
export function crlDistributionPointUrls(cert: X509Certificate): string[] {
  const extension = cert.getExtension(CRLDistributionPointsExtension);
  return (extension?.distributionPoints ?? [])
    .flatMap((point) => point.distributionPoint?.fullName ?? [])
    .flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : []))
    .filter((url) => /^https?:\/\//i.test(url));
}
