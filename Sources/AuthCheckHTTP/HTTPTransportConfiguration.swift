import AuthCheckCore

/// Limits of the probe HTTP client. Defaults suit CVAT's small JSON answers; they bound memory
/// against hostile servers.
public struct HTTPTransportConfiguration: Hashable, Sendable {
    /// Seconds for one request, from connect to the last byte. Default 10.
    public var timeout: Double
    /// Response bodies longer than this are cut (and marked truncated). Default 1 MiB.
    public var maxBodyBytes: Int
    /// Value of the `User-Agent` header. Default `cvat-authcheck/<version>`.
    public var userAgent: String

    public init(timeout: Double = 10, maxBodyBytes: Int = 1 << 20, userAgent: String = "cvat-authcheck") {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
    }
}
