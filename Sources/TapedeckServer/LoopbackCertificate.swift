import Crypto
public import Foundation
import SwiftASN1
import X509

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A certificate for serving HTTPS on loopback, generated at start: a one-off P-256 certificate
/// authority, and a server certificate it signs for `127.0.0.1`, `::1` and `localhost` (plus a
/// host given to bind). Clients trust ``authorityPEM`` (curl `--cacert`, `SSL_CERT_FILE`, Go's
/// `x509.CertPool`). The authority's key is discarded once it has signed, so it can sign
/// nothing else; the server's key stays in memory and is never written.
///
/// ```swift
/// let certificate = try LoopbackCertificate.generate()
/// try certificate.authorityPEM.write(toFile: "/tmp/tapedeck-ca.pem", atomically: true, encoding: .utf8)
/// ```
public struct LoopbackCertificate: Sendable {
  /// The certificate authority to trust, as PEM.
  public let authorityPEM: String
  /// The server's certificate, as PEM.
  public let serverCertificatePEM: String
  /// The server's private key (PKCS#8 PEM), kept in memory only.
  let serverKeyPEM: String

  /// How long the certificates are valid: long enough for any test run, short enough to be useless after.
  public static let lifetime: TimeInterval = 7 * 24 * 3600

  /// Generates a fresh authority and server certificate for loopback and `extraHosts` (IP
  /// addresses or DNS names).
  ///
  /// ```swift
  /// let certificate = try LoopbackCertificate.generate(extraHosts: ["devbox.local"])
  /// ```
  public static func generate(extraHosts: [String] = [], now: Date = Date()) throws -> LoopbackCertificate {
    let authorityKey = P256.Signing.PrivateKey()
    let serverKey = P256.Signing.PrivateKey()
    let authorityName = try DistinguishedName {
      OrganizationName("Tapedeck")
      CommonName("tapedeck serve loopback CA \(UUID().uuidString.prefix(8))")
    }
    let serverName = try DistinguishedName {
      OrganizationName("Tapedeck")
      CommonName("localhost")
    }
    let authorityPublic = Certificate.PublicKey(authorityKey.publicKey)
    let authorityIdentifier = SubjectKeyIdentifier(hash: authorityPublic)
    let notBefore = now.addingTimeInterval(-3600)
    let notAfter = now.addingTimeInterval(lifetime)
    let authority = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: authorityPublic,
      notValidBefore: notBefore, notValidAfter: notAfter, issuer: authorityName, subject: authorityName,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
        Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
        authorityIdentifier
      },
      issuerPrivateKey: Certificate.PrivateKey(authorityKey))
    let serverPublic = Certificate.PublicKey(serverKey.publicKey)
    let server = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: serverPublic,
      notValidBefore: notBefore, notValidAfter: notAfter, issuer: authorityName, subject: serverName,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true))
        try ExtendedKeyUsage([.serverAuth])
        SubjectKeyIdentifier(hash: serverPublic)
        AuthorityKeyIdentifier(keyIdentifier: authorityIdentifier.keyIdentifier)
        SubjectAlternativeNames(subjectAlternativeNames(for: extraHosts))
      },
      issuerPrivateKey: Certificate.PrivateKey(authorityKey))
    return LoopbackCertificate(
      authorityPEM: try authority.serializeAsPEM().pemString,
      serverCertificatePEM: try server.serializeAsPEM().pemString,
      serverKeyPEM: serverKey.pemRepresentation)
  }

  /// `localhost`, `127.0.0.1`, `::1`, and each extra host as an IP address or a DNS name.
  static func subjectAlternativeNames(for extraHosts: [String]) -> [GeneralName] {
    var names: [GeneralName] = [.dnsName("localhost")]
    var seen: Set<[UInt8]> = []
    for host in ["127.0.0.1", "::1"] + extraHosts {
      let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
      if let bytes = addressBytes(bare) {
        if seen.insert(bytes).inserted { names.append(.ipAddress(ASN1OctetString(contentBytes: bytes[...]))) }
      } else if !bare.isEmpty, bare != "localhost" {
        names.append(.dnsName(bare))
      }
    }
    return names
  }

  /// The 4 or 16 bytes of an IPv4 or IPv6 address, or `nil` for a name.
  static func addressBytes(_ text: String) -> [UInt8]? {
    var four = [UInt8](repeating: 0, count: 4)
    if inet_pton(AF_INET, text, &four) == 1 { return four }
    var sixteen = [UInt8](repeating: 0, count: 16)
    if inet_pton(AF_INET6, text, &sixteen) == 1 { return sixteen }
    return nil
  }
}
