import AuthCheckCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Explains a failed certificate verification in words: BoringSSL only says
/// `CERTIFICATE_VERIFY_FAILED`, so after such a failure the transport makes one extra handshake
/// with verification off (no HTTP request is sent, nothing is trusted) and inspects the server's
/// certificate: expired or not yet valid, issued for other names, self-signed, or from an
/// untrusted CA.
enum TLSDiagnosis {
    /// Why the certificate presented by `host:port` is rejected, or `nil` when it cannot tell.
    static func explain(host: String, port: Int, hasPrivateCA: Bool, timeout: Double, now: Date = Date()) async -> String? {
        guard let certificate = try? await peerCertificate(host: host, port: port, timeout: timeout) else { return nil }
        return reason(for: certificate, host: host, hasPrivateCA: hasPrivateCA, now: now)
    }

    /// The verdict for one leaf certificate.
    static func reason(for certificate: NIOSSLCertificate, host: String, hasPrivateCA: Bool, now: Date) -> String {
        let subject = name(certificate.subjectName)
        let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
        let notBefore = Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore))
        if notAfter < now {
            return "the server's certificate (\(subject)) expired on \(day(notAfter))"
        }
        if notBefore > now {
            return "the server's certificate (\(subject)) is not valid before \(day(notBefore))"
        }
        let names = alternativeNames(certificate)
        if !names.isEmpty, !names.contains(where: { matches($0, host: host) }) {
            return "the server's certificate is issued for \(names.prefix(5).joined(separator: ", ")), not for \(host) (wrong host)"
        }
        let hint = hasPrivateCA ? "the CA file given (the target's tls.ca_file) does not include it" : "give its CA as the target's tls.ca_file"
        if name(certificate.issuerName) == subject {
            return "the server's certificate (\(subject)) is self-signed and not trusted; \(hint)"
        }
        return "the server's certificate (\(subject)) is issued by \(name(certificate.issuerName)), which is not a trusted CA; \(hint)"
    }

    private static func peerCertificate(host: String, port: Int, timeout: Double) async throws -> NIOSSLCertificate? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        let serverName = isIPAddress(host) ? nil : host
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let handshake = loop.makePromise(of: Void.self)
        let milliseconds = Int64(max(0.1, min(timeout, 5)) * 1000)
        let channel = try await ClientBootstrap(group: loop)
            .connectTimeout(.milliseconds(milliseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(promise: handshake))
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        let timer = channel.eventLoop.scheduleTask(in: .milliseconds(milliseconds)) {
            handshake.fail(ChannelError.connectTimeout(.milliseconds(milliseconds)))
        }
        defer { timer.cancel() }
        try await handshake.futureResult.get()
        return try await channel.nioSSL_peerCertificate().get()
    }

    private static func alternativeNames(_ certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name in
            switch name.nameType {
            case .dnsName: return String(decoding: name.contents, as: UTF8.self).lowercased()
            case .ipAddress:
                let bytes = Array(name.contents)
                if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
                if bytes.count == 16 {
                    return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                        .joined(separator: ":")
                }
                return nil
            default: return nil
            }
        }
    }

    private static func matches(_ pattern: String, host: String) -> Bool {
        let host = host.lowercased()
        if pattern == host { return true }
        if pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") {
            return host[dot...] == pattern.dropFirst()
        }
        if isIPAddress(host), host.contains(":"), let a = ipv6Groups(host), let b = ipv6Groups(pattern) { return a == b }
        return false
    }

    private static func ipv6Groups(_ text: String) -> [UInt16]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { raw in stride(from: 0, to: 16, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) } }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    private static func name(_ parts: [SSLCertificateName]) -> String {
        let common = parts.first { $0.type == .commonName }?.value
        return "CN=\(common ?? parts.map(\.value).joined(separator: ","))"
    }

    private static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}

/// Completes a promise when the TLS handshake finishes (or the channel fails first).
private final class HandshakeWatcher: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { promise.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}
