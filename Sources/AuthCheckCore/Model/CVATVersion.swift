import Foundation

/// A CVAT release number as the server reports it in `/api/server/about`.
///
/// Accepts every form CVAT emits or users type: `2.24.0`, `2.41` (patch defaults to 0),
/// `v2.48.1`, and development builds such as `2.80.0.dev20261015093000`. Ordering follows
/// PEP 440 for the forms CVAT uses: a development build sorts *before* its release
/// (`2.80.0.dev1 < 2.80.0`).
public struct CVATVersion: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Major number (`2` in `2.48.1`).
    public var major: Int
    /// Minor number (`48` in `2.48.1`).
    public var minor: Int
    /// Patch number (`1` in `2.48.1`); `0` when the text had only two components.
    public var patch: Int
    /// The development marker after the release number, e.g. `dev20261015` (without the dot); `nil` for releases.
    public var development: String?

    /// Creates a version from its numbers.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0, development: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.development = development
    }

    /// Parses a version string; returns `nil` when the text is not a version.
    public init?(_ text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if body.first == "v" || body.first == "V" { body = body.dropFirst() }
        guard !body.isEmpty, body.count <= 64 else { return nil }
        var parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var development: String?
        if let index = parts.firstIndex(where: { $0.hasPrefix("dev") }) {
            guard index >= 2, index == parts.count - 1 else { return nil }
            let marker = parts[index]
            guard marker.dropFirst(3).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            development = marker
            parts.removeLast()
        }
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else {
                return nil
            }
            numbers.append(value)
        }
        self.init(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0, development: development)
    }

    /// The release this version belongs to, without any development marker.
    public var release: CVATVersion { CVATVersion(major, minor, patch) }

    /// `true` for a development build (`X.Y.Z.devN`).
    public var isDevelopment: Bool { development != nil }

    /// `major.minor`, the release line (e.g. `2.48`).
    public var line: String { "\(major).\(minor)" }

    public var description: String {
        let base = "\(major).\(minor).\(patch)"
        return development.map { "\(base).\($0)" } ?? base
    }

    public static func < (lhs: CVATVersion, rhs: CVATVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        switch (lhs.development, rhs.development) {
        case (nil, nil), (nil, .some): return false
        case (.some, nil): return true
        case (.some(let left), .some(let right)): return developmentOrder(left, right)
        }
    }

    /// Orders `devN` markers by their numeric part when both are numeric, otherwise lexically.
    private static func developmentOrder(_ left: String, _ right: String) -> Bool {
        let leftDigits = left.dropFirst(3)
        let rightDigits = right.dropFirst(3)
        if let l = UInt64(leftDigits), let r = UInt64(rightDigits) { return l < r }
        return left < right
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = CVATVersion(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a CVAT version such as 2.48.0, found '\(text)'")
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
