import AuthCheckCore
import Foundation
import NIOSSL

/// Turns a target's ``TLSOptions`` into a NIOSSL client configuration: verification on by default,
/// a private CA added with `tls.ca_file`, verification off only with the explicit `insecure` opt-in.
enum TLSConfigurationFactory {
    static func make(_ options: TLSOptions) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if options.insecure {
            tls.certificateVerification = .none
        }
        if let file = options.caFile {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw TransportError.tls("CA file \(file) cannot be read")
            }
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(file)
                guard !certificates.isEmpty else { throw TransportError.tls("CA file \(file) holds no PEM certificate") }
                tls.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as TransportError {
                throw error
            } catch {
                throw TransportError.tls("CA file \(file) is not a PEM certificate bundle")
            }
        }
        return tls
    }
}
