import { CRLDistributionPointsExtension, type X509Certificate } from '@peculiar/x509';

// Configured CA certificates are asked on every login; their extension is parsed once.
const KNOWN = new WeakMap<X509Certificate, readonly string[]>();

/** The http(s) URLs of a certificate's CRL distribution points, in the certificate's order; LDAP and others are skipped. */
export function crlDistributionPointUrls(cert: X509Certificate): readonly string[] {
  let urls = KNOWN.get(cert);
  if (urls === undefined) {
    const extension = cert.getExtension(CRLDistributionPointsExtension);
    urls = Object.freeze((extension?.distributionPoints ?? [])
      .flatMap((point) => point.distributionPoint?.fullName ?? [])
      .flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : []))
      .filter((url) => /^https?:\/\//i.test(url)));
    KNOWN.set(cert, urls);
  }
  return urls;
}
