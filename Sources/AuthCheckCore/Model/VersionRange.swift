/// A set of CVAT versions written as space-separated comparators, e.g. `">=2.41.0 <2.46.0"`.
///
/// Comparators: `>=`, `>`, `<=`, `<`, `==` (or `=`, or a bare version). Every comparator must hold.
/// Development builds are matched by their release number: `2.80.0.dev2026…` is in `">=2.80.0"`,
/// because CVAT's develop branch reports the release it is preparing.
public struct VersionRange: Hashable, Sendable, TextCodable {
    /// One bound of a range.
    public struct Comparator: Hashable, Sendable {
        /// The relation a version must have to ``version``.
        public enum Relation: String, Hashable, Sendable, CaseIterable {
            case greaterOrEqual = ">="
            case greater = ">"
            case lessOrEqual = "<="
            case less = "<"
            case equal = "=="
        }
        public var relation: Relation
        public var version: CVATVersion

        public init(_ relation: Relation, _ version: CVATVersion) {
            self.relation = relation
            self.version = version
        }

        func holds(for candidate: CVATVersion) -> Bool {
            switch relation {
            case .greaterOrEqual: candidate >= version
            case .greater: candidate > version
            case .lessOrEqual: candidate <= version
            case .less: candidate < version
            case .equal: candidate == version
            }
        }
    }

    /// The comparators, all of which must hold.
    public var comparators: [Comparator]

    public init(_ comparators: [Comparator]) { self.comparators = comparators }

    /// Why a range text could not be parsed.
    public struct ParseError: Error, Equatable, CustomStringConvertible, Sendable {
        public var text: String
        public var reason: String
        public var description: String { "invalid version range '\(text)': \(reason)" }
    }

    /// Parses range text; throws ``ParseError`` naming the offending comparator.
    public init(parsing text: String) throws(ParseError) {
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        guard !pieces.isEmpty else { throw ParseError(text: text, reason: "expected comparators such as \">=2.41.0 <2.46.0\"") }
        var comparators: [Comparator] = []
        for piece in pieces {
            let relation = Comparator.Relation.allCases
                .sorted { $0.rawValue.count > $1.rawValue.count }
                .first { piece.hasPrefix($0.rawValue) }
            var rest = Substring(piece)
            var chosen = Comparator.Relation.equal
            if let relation {
                chosen = relation
                rest = rest.dropFirst(relation.rawValue.count)
            } else if piece.hasPrefix("=") {
                rest = rest.dropFirst()
            }
            guard let version = CVATVersion(String(rest)) else {
                throw ParseError(text: text, reason: "'\(piece)' is not a comparator followed by a version (e.g. >=2.41.0)")
            }
            comparators.append(Comparator(chosen, version))
        }
        self.comparators = comparators
        if let lower = lowerBound, let upper = upperBound {
            let empty = lower.inclusive && upper.inclusive ? lower.version > upper.version : lower.version >= upper.version
            if empty { throw ParseError(text: text, reason: "the range is empty (lower bound is not below upper bound)") }
        }
    }

    /// `true` when `version` (by its release number) satisfies every comparator.
    public func contains(_ version: CVATVersion) -> Bool {
        let release = version.release
        return comparators.allSatisfy { $0.holds(for: release) }
    }

    /// The tightest lower bound, if any.
    public var lowerBound: (version: CVATVersion, inclusive: Bool)? {
        comparators.compactMap { c -> (CVATVersion, Bool)? in
            switch c.relation {
            case .greaterOrEqual, .equal: (c.version, true)
            case .greater: (c.version, false)
            default: nil
            }
        }.max { $0.0 < $1.0 }.map { (version: $0.0, inclusive: $0.1) }
    }

    /// The tightest upper bound, if any.
    public var upperBound: (version: CVATVersion, inclusive: Bool)? {
        comparators.compactMap { c -> (CVATVersion, Bool)? in
            switch c.relation {
            case .lessOrEqual, .equal: (c.version, true)
            case .less: (c.version, false)
            default: nil
            }
        }.min { $0.0 < $1.0 }.map { (version: $0.0, inclusive: $0.1) }
    }

    public var description: String {
        comparators.map { "\($0.relation.rawValue)\($0.version)" }.joined(separator: " ")
    }
}
