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
    /// Responses with more header lines than this fail with `too-large`. Default 256 (CVAT sends about 15).
    /// Independently, NIO's decoder refuses a header line or a header section over 80 KiB.
    public var maxHeaderCount: Int
    /// What happens to a body longer than ``maxBodyBytes``. Default ``OversizedBody/fail``.
    public var oversizedBody: OversizedBody

    /// How the transport treats a body over the size cap.
    public enum OversizedBody: Hashable, Sendable {
        /// Stop reading and fail with a `too-large` transport error (the default: CVAT's answers are small).
        case fail
        /// Stop reading and return the first ``maxBodyBytes`` bytes, marked `bodyTruncated`.
        case truncate
    }

    public init(
        timeout: Double = 10, maxBodyBytes: Int = 1 << 20, userAgent: String = "cvat-authcheck", maxHeaderCount: Int = 256,
        oversizedBody: OversizedBody = .fail
    ) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
        self.maxHeaderCount = maxHeaderCount
        self.oversizedBody = oversizedBody
    }
}
