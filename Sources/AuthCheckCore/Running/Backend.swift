import Foundation

/// Names a client stack: `native` (the tool's own HTTP client) or a real client at a version,
/// spelled `name@version` on the command line (`cvat-sdk@2.24.0`).
///
/// Encoded as that one string (`"native"`, `"cvat-sdk@2.24.0"`) in records and reports.
public struct BackendSpec: Hashable, Sendable, TextCodable, ExpressibleByStringLiteral {
    /// The stack's name: `native`, `cvat-sdk`, or a backend offered by a plugin.
    public var name: String
    /// The client release, for real clients (`2.24.0`); `nil` for `native`.
    public var version: CVATVersion?

    /// The default backend: the tool's own HTTP client and the built-in probes.
    public static let native = BackendSpec(name: "native")

    public init(name: String, version: CVATVersion? = nil) {
        self.name = name
        self.version = version
    }

    /// Parses `native` or `NAME@X.Y.Z`.
    ///
    /// - Throws: ``BackendSpecError`` with what was expected.
    public init(parsing text: String) throws(BackendSpecError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "native" {
            self = .native
            return
        }
        let parts = trimmed.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw BackendSpecError(text: text, problem: "expected 'native' or NAME@VERSION, e.g. cvat-sdk@2.24.0")
        }
        guard let version = CVATVersion(parts[1]), parts[1].split(separator: ".").count >= 3 else {
            throw BackendSpecError(text: text, problem: "'\(parts[1])' is not a full release number such as 2.24.0")
        }
        self.init(name: parts[0], version: version)
    }

    /// `native` or `cvat-sdk@2.24.0`: the value of ``SuiteRecord/backend``.
    public var description: String { version.map { "\(name)@\($0)" } ?? name }

    /// `true` for the tool's own HTTP client.
    public var isNative: Bool { self == .native }

    /// A spec written in code (`"native"`, `"cvat-sdk@2.24.0"`); text that is not a spec becomes a bare name.
    public init(stringLiteral value: String) {
        self = (try? BackendSpec(parsing: value)) ?? BackendSpec(name: value)
    }
}

/// A backend spec text that cannot be parsed.
public struct BackendSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var description: String { "backend '\(text)': \(problem)" }

    package init(text: String, problem: String) {
        self.text = text
        self.problem = problem
    }
}

/// One client stack a run checks every target through: its spec and the probes that exercise it.
///
/// The native backend runs the run's registry (built-in probes plus external probes that are not
/// tied to a backend). A plugin backend runs the probes its plugin offers for it (e.g. `sdk.session`,
/// which drives the real cvat-sdk). Each target × backend becomes one ``SuiteRecord``.
public struct Backend: Sendable {
    public var spec: BackendSpec
    /// The probes of this backend, in any order (the runner sorts them by phase); `nil` means the
    /// runner's registry (the native backend).
    public var probes: [any Probe]?

    public init(spec: BackendSpec, probes: [any Probe]?) {
        self.spec = spec
        self.probes = probes
    }

    /// The native backend: the registry's probes over the tool's own transport.
    public static let native = Backend(spec: .native, probes: nil)

    /// `native` or `cvat-sdk@2.24.0`.
    public var id: String { spec.description }
}
