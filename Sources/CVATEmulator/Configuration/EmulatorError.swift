/// Why an ``EmulatedCVATServer`` could not start.
public enum EmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The version is not `X.Y.Z` or is older than 2.24.0.
    case unsupportedVersion(String)
    /// The configuration is unusable (empty password, bad port, unreadable TLS files, …).
    case invalidConfiguration(String)
    /// Binding or starting the HTTP server failed.
    case startFailed(String)
    /// Another process listens on the address.
    case addressInUse(host: String, port: Int)

    /// A message for users: what is wrong and what to do.
    public var description: String {
        switch self {
        case .unsupportedVersion(let version):
            "unsupported CVAT version '\(version)': give a release X.Y.Z from 2.24.0 on (emulated lines: \(ReleaseLine.all.map(\.description).joined(separator: ", ")))"
        case .invalidConfiguration(let reason):
            "invalid emulator configuration: \(reason)"
        case .startFailed(let reason):
            "the emulator could not start: \(reason)"
        case .addressInUse(let host, let port):
            "\(host):\(port) is already in use by another process; choose a free port, or 0 for any"
        }
    }
}
