import AuthCheckCore
import AuthCheckProbeIDs

/// The identity of a case across runs: target × backend × probe × case name, the name taken without
/// the suite's server version, so that an upgrade (or a profile change) never renames a case.
///
/// The built-in probes name their cases without the version; this also matches records written
/// before they did (`matrix.stale` was `profile covers server 2.41.0`) and plugin cases that embed
/// the server version in their names.
public enum CaseIdentity {
    /// The stable name of `matrix.stale`'s case (older records: `profile covers server X`, `profile for server X`).
    public static let matrixStaleName = "profile covers the server"

    /// The name `name` of a case of `probe` in a suite whose server reported `serverVersion`, with
    /// that version taken out. Never empty: a name that is only the version stays as it is.
    public static func name(_ name: String, probe: String, serverVersion: String?) -> String {
        if probe == ProbeID.matrixStale, name.hasPrefix("profile covers server ") || name.hasPrefix("profile for server ") {
            return matrixStaleName
        }
        guard let version = serverVersion, looksLikeVersion(version), name.contains(version) else { return name }
        let stripped = removingToken(version, from: name)
        return stripped.isEmpty ? name : stripped
    }

    /// The key of `outcome` in `suite`.
    public static func key(_ suite: SuiteRecord, _ outcome: Outcome) -> RecordDiff.CaseKey {
        RecordDiff.CaseKey(
            target: suite.target, backend: suite.backend.description, probe: outcome.probe,
            name: name(outcome.name, probe: outcome.probe, serverVersion: suite.serverVersion))
    }

    /// `2.48.1`, `2.48.0.dev20250101`: a digit first and at least one dot, no spaces.
    static func looksLikeVersion(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("0"..."9").contains(first) else { return false }
        return text.contains(".") && !text.contains(" ")
    }

    /// `text` without every occurrence of `token` that stands alone (not inside a longer version or
    /// word), spaces around it collapsed and the ends trimmed of spaces and separators left dangling.
    static func removingToken(_ token: String, from text: String) -> String {
        func isWordPart(_ character: Character?) -> Bool {
            guard let character else { return false }
            return character.isLetter || character.isNumber || character == "." || character == "_" || character == "-"
        }
        var result = ""
        var rest = Substring(text)
        var removed = false
        while let range = rest.range(of: token) {
            let before = range.lowerBound == rest.startIndex ? result.last : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            result += rest[..<range.lowerBound]
            if isWordPart(before) || isWordPart(after) { result += token } else { removed = true }
            rest = rest[range.upperBound...]
        }
        guard removed else { return text }
        result += rest
        let collapsed = result.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return collapsed.trimmed(of: " ,:;-()[]")
    }
}

extension String {
    fileprivate func trimmed(of set: String) -> String {
        let unwanted = Set(set)
        var slice = Substring(self)
        while let first = slice.first, unwanted.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, unwanted.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
