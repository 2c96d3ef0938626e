import AsyncHTTPClient
import AuthCheckCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Why an HTTP exchange produced no usable response, with a bounded ``category`` for reports and metrics.
public struct TransportError: CategorizedError, Hashable {
    private enum Code: String, Hashable {
        case timeout, refused, dns, tls
        case plainHTTP = "plain-http"
        case protocolViolation = "protocol"
        case closed
        case tooLarge = "too-large"
        case cancelled
        case invalidRequest = "invalid-request"
        case crossOrigin = "cross-origin"
        case other
    }

    private let code: Code
    /// What happened, in words, without secrets (URLs are shown without query values).
    public let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `timeout`, `refused`, `dns`, `tls`, `plain-http` (an https URL on a port that speaks plain HTTP), `protocol`, `closed`, `too-large`, `cancelled`, `invalid-request`,
    /// `cross-origin` (credentials refused for another origin), `other`.
    public var category: String { code.rawValue }
    public var description: String { detail }

    public static func timeout(_ detail: String) -> TransportError { .init(.timeout, detail) }
    public static func tooLarge(_ detail: String) -> TransportError { .init(.tooLarge, detail) }
    public static func invalidRequest(_ detail: String) -> TransportError { .init(.invalidRequest, detail) }
    public static func tls(_ detail: String) -> TransportError { .init(.tls, detail) }
    public static func protocolViolation(_ detail: String) -> TransportError { .init(.protocolViolation, detail) }
    public static func closed(_ detail: String) -> TransportError { .init(.closed, detail) }
    public static func crossOrigin(_ detail: String) -> TransportError { .init(.crossOrigin, detail) }

    /// Classifies an error thrown by AsyncHTTPClient, NIO or NIOSSL for a request to `endpoint`.
    public static func classify(_ error: any Error, endpoint: String, timeout: Double) -> TransportError {
        if let error = error as? TransportError { return error }
        if error is CancellationError { return .init(.cancelled, "\(endpoint): cancelled") }
        if let error = error as? HTTPParserError {
            return parserError(error, endpoint: endpoint)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .deadlineExceeded, .writeTimeout:
                return .init(.timeout, "\(endpoint): no complete answer within \(format(timeout)) s (request timeout)")
            case .connectTimeout:
                return .init(.timeout, "\(endpoint): could not connect within \(format(timeout)) s")
            case .tlsHandshakeTimeout:
                return .init(.tls, "\(endpoint): TLS handshake timed out")
            case .remoteConnectionClosed:
                return .init(.closed, "\(endpoint): the server closed the connection before a complete response")
            case .cancelled:
                return .init(.cancelled, "\(endpoint): cancelled")
            case .invalidURL, .emptyHost, .emptyScheme:
                return .init(.invalidRequest, "\(endpoint): invalid URL")
            default:
                return plainSocketError("\(error)", endpoint: endpoint) ?? .init(.protocolViolation, "\(endpoint): \(error)")
            }
        }
        if let error = error as? NIOSSLError {
            if case .handshakeFailed(let inner) = error, let plain = plainHTTP(inner, endpoint: endpoint) { return plain }
            return .init(.tls, "\(endpoint): TLS failure: \(tlsText(error))")
        }
        if let error = error as? NIOSSLExtraError {
            let text = "\(error)"
            if text.contains("failedToValidateHostname") {
                return .init(.tls, "\(endpoint): TLS failure: certificate verification failed (the certificate does not name this host)")
            }
            return .init(.tls, "\(endpoint): TLS failure: \(BoringSSLReason.withoutSourcePaths(text).prefix(200))")
        }
        if let error = error as? BoringSSLError {
            if let plain = plainHTTP(error, endpoint: endpoint) { return plain }
            let text = "\(error)"
            return .init(
                .tls,
                "\(endpoint): TLS failure: \(text.contains("CERTIFICATE_VERIFY_FAILED") ? "certificate verification failed (untrusted, expired or wrong host); give a private CA as the target's tls.ca_file" : "handshake failed (\(BoringSSLReason.reasons(in: text)))")"
            )
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAAAAError != nil || error.dnsAError != nil {
                if error.connectionErrors.isEmpty { return .init(.dns, "\(endpoint): host name could not be resolved") }
            }
            return .init(.refused, "\(endpoint): connection refused: nothing accepts connections at this host and port")
        }
        if error is NIOConnectionError || "\(type(of: error))".contains("SocketAddressError") {
            return .init(.dns, "\(endpoint): host name could not be resolved")
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return .init(.refused, "\(endpoint): connection refused: nothing accepts connections at this host and port")
            case ECONNRESET: return .init(.closed, "\(endpoint): the server reset the connection")
            case EHOSTUNREACH, ENETUNREACH: return .init(.refused, "\(endpoint): the host is unreachable")
            case ETIMEDOUT: return .init(.timeout, "\(endpoint): the connection timed out")
            default: return .init(.refused, "\(endpoint): cannot connect (\(String(cString: strerror(error.errnoCode))))")
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .init(.timeout, "\(endpoint): could not connect within \(format(timeout)) s")
        }
        let text = "\(error)"
        if let plain = plainSocketError(text, endpoint: endpoint) { return plain }
        if text.contains("HTTPParserError") || text.contains("invalid") {
            return .init(.protocolViolation, "\(endpoint): not a valid HTTP response (\(text.prefix(160)))")
        }
        return .init(.other, "\(endpoint): \(BoringSSLReason.withoutSourcePaths(text).prefix(200))")
    }

    /// NIO's HTTP/1 decoder refuses a header line over 80 KiB and header sections over 80 KiB in total.
    static let decoderHeaderLimit = "80 KiB"

    private static func parserError(_ error: HTTPParserError, endpoint: String) -> TransportError {
        switch error {
        case .headerOverflow:
            return .init(
                .tooLarge,
                "\(endpoint): response headers too large (a header line or all header lines together exceed \(decoderHeaderLimit)); refused to read further"
            )
        case .invalidEOFState:
            return .init(.closed, "\(endpoint): the server closed the connection in the middle of the response")
        case .invalidConstant, .invalidVersion, .invalidStatus:
            return .init(.protocolViolation, "\(endpoint): not an HTTP response (the server sent something else: \(error))")
        default:
            return .init(.protocolViolation, "\(endpoint): malformed HTTP response (\(error))")
        }
    }

    private static func tlsText(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let inner):
            let text = "\(inner)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return
                    "certificate verification failed (untrusted, expired or issued for another host); give a private CA as the target's tls.ca_file"
            }
            return "handshake failed (\(BoringSSLReason.reasons(in: text)))"
        case .unableToValidateCertificate: return "unable to validate the certificate"
        default: return BoringSSLReason.withoutSourcePaths("\(error)")
        }
    }

    /// The error for an https URL whose port answered in plain HTTP (BoringSSL: `WRONG_VERSION_NUMBER`,
    /// `HTTP_REQUEST`), or `nil` for any other TLS failure.
    private static func plainHTTP(_ error: any Error, endpoint: String) -> TransportError? {
        let reasons = BoringSSLReason.codes(in: "\(error)")
        guard reasons.contains("WRONG_VERSION_NUMBER") || reasons.contains("HTTP_REQUEST") else { return nil }
        return .init(.plainHTTP, "\(endpoint): this port speaks plain HTTP, not TLS — use http:// for it, or the port that serves https")
    }

    /// A socket error that reached us wrapped (NIO prints `connection reset (error set): Connection
    /// refused (errno: 111)`), said plainly; `nil` when `text` names none.
    private static func plainSocketError(_ text: String, endpoint: String) -> TransportError? {
        if text.contains("errno: \(ECONNREFUSED))") || text.contains("Connection refused") {
            return .init(.refused, "\(endpoint): connection refused: nothing accepts connections at this host and port")
        }
        if text.contains("errno: \(ECONNRESET))") || text.contains("Connection reset by peer") {
            return .init(.closed, "\(endpoint): the server reset the connection")
        }
        return nil
    }

    static func format(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
}
