import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { CardEndpointConfig } from '../../src/config/card-schema.ts';

export type ClientCertificates =
  | { readonly via: 'tls' | 'proxy'; readonly certificates: readonly string[] }
  /** A proxy header from an address that is not a trusted proxy: a forgery or a misconfiguration. */
  | { readonly via: 'untrusted-header'; readonly certificates: readonly []; readonly remoteAddress: string };

/** The certificates this request was made with, leaf first, as base64 DER. */
export function readClientCertificates(req: IncomingMessage, endpoint: CardEndpointConfig): ClientCertificates {
  if (endpoint.mode === 'tls') return { via: 'tls', certificates: peerCertificate(req.socket as TLSSocket) };
  const value = req.headers[endpoint.certificateHeader];
  const remoteAddress = normaliseAddress(req.socket.remoteAddress ?? '');
  if (!endpoint.trustedProxies.includes(remoteAddress)) {
    // Anyone can send the header; only the proxy that did the TLS handshake may be believed.
    return value === undefined ? { via: 'proxy', certificates: [] } : { via: 'untrusted-header', certificates: [], remoteAddress };
  }
  const text = Array.isArray(value) ? value[0] : value;
  return { via: 'proxy', certificates: text === undefined || text.trim() === '' || text === '(null)' ? [] : [headerToBase64Der(text)] };
}

/**
 * Only the card certificate: the issuing CA must be one of the configured ones anyway, so
 * whatever chain the browser sent adds nothing (and building it as JavaScript objects,
 * as `getPeerCertificate(true)` does, costs a noticeable part of a login).
 */
function peerCertificate(socket: TLSSocket): string[] {
  const certificate = socket.getPeerX509Certificate();
  return certificate ? [certificate.raw.toString('base64')] : [];
}

/**
 * Proxies forward the certificate as URL-encoded PEM (nginx `$ssl_client_escaped_cert`),
 * PEM with its newlines turned into spaces (Apache, HAProxy), or bare base64 DER. What
 * cannot be read is passed on as is, so the card method reports it as malformed.
 */
function headerToBase64Der(value: string): string {
  let text = value;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return Buffer.from(value).toString('base64');
    }
  }
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  const body = (pem ? pem[1]! : text).replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? body : Buffer.from(value).toString('base64');
}

function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
