import AuthCheckCore
import AuthCheckHTTP

/// The facts a ``ServerObserver`` has written down so far, section by section in the order of the
/// bundled profile files, with the evidence line for each and what it could not observe.
struct ObservationNotebook {
    let base: ServerProfile?
    var auth: [DraftEntry] = []
    var endpoints: [DraftEntry] = []
    var about: [DraftEntry] = []
    var login: [DraftEntry] = []
    var cookies: [DraftEntry] = []
    var responses: [DraftEntry] = []
    var schema: [DraftEntry] = []
    var defects: [DraftEntry] = []
    var todo: [String] = []
    var evidence: [String] = []
    /// The schema describes `tokenAuth` as deprecated.
    var tokenDeprecatedInSchema = false

    /// Knows every secret the draft sent or was sent: a text holding one is not recorded.
    let redactor: Redactor

    init(base: ServerProfile?, redactor: Redactor) {
        self.base = base
        self.redactor = redactor
    }

    /// Every section that holds a fact, as one profile-shaped tree, keys in the order of the bundled files.
    var facts: DraftNode {
        let sections: [(String, [DraftEntry])] = [
            ("auth", Self.ordered(auth, AuthMethod.allCases.map(\.rawValue))), ("endpoints", endpoints), ("about", about),
            ("login", Self.ordered(login, ["identifiers", "status", "returns_key", "sets_cookies"])), ("cookies", cookies),
            ("responses", Self.ordered(responses, ResponseSituation.allCases.map(\.rawValue))), ("schema", schema), ("defects", defects),
        ]
        return .mapping(sections.filter { !$0.1.isEmpty }.map { DraftEntry($0.0, .mapping($0.1)) })
    }

    /// A root draft's stand-in for ``base`` in todo lines: the profile it replaces.
    var replaced: ServerProfile?

    /// The base's (or the replaced profile's) response situations no request of the draft provoked: one todo line.
    var unobservable: [String] {
        let observed = Set(responses.map(\.key))
        guard let known = base ?? replaced else { return [] }
        // Logout has a todo line of its own when it was not observed.
        let missing = known.responses.keys.sorted().filter { !observed.contains($0) && $0 != ResponseSituation.logout.rawValue }
        guard !missing.isEmpty else { return [] }
        let kept = base.map { "kept from \($0.id)" } ?? "not stated (a root profile inherits nothing; \(known.id) states them)"
        return [
            "responses \(missing.joined(separator: ", ")): not provoked by the draft (they need https, a forbidden action, "
                + "a throttled client or an unverified account); \(kept) — check the release notes"
        ]
    }

    /// `entries` sorted by the position of their key in `order` (unknown keys last, in their order).
    static func ordered(_ entries: [DraftEntry], _ order: [String]) -> [DraftEntry] {
        entries.enumerated().sorted {
            (order.firstIndex(of: $0.element.key) ?? order.count, $0.offset) < (order.firstIndex(of: $1.element.key) ?? order.count, $1.offset)
        }
        .map(\.element)
    }

    /// The answer to a situation: its status, CVAT's text (the base's wording when the answer contains
    /// it) and, for `anonymous`, the challenge scheme.
    mutating func response(_ situation: ResponseSituation, _ exchange: Exchange, line: String) {
        var entry: [DraftEntry] = [DraftEntry("status", .integer(exchange.status))]
        let expected = base?.response(situation)
        let wantsText = expected.map { $0.text != nil } ?? true
        if wantsText, let json = exchange.json, var detail = Self.detail(json) {
            // Django names the refused origin after " - "; the draft's own made-up origin is no fact.
            if let range = detail.range(of: " - \(ServerObserver.foreignOrigin)") { detail = String(detail[..<range.lowerBound]) }
            if let text = expected?.text, detail.contains(text) {
                entry.append(DraftEntry("text", .string(text)))
            } else if redactor.redact(detail) != detail {
                todo.append(
                    "responses.\(situation.rawValue).text: the answer holds a secret the draft sent (a cookie, key or password), so its "
                        + "text is not recorded; state CVAT's wording")
            } else {
                entry.append(DraftEntry("text", .string(detail)))
            }
        }
        if situation == .anonymous, let challenge = exchange.response.header("WWW-Authenticate") {
            let scheme = challenge.split(separator: " ").first.map(String.init) ?? challenge
            entry.append(DraftEntry("www_authenticate", .string(scheme)))
        }
        Self.set(&responses, situation.rawValue, .mapping(entry))
        evidence.append("responses.\(situation.rawValue): \(line)")
    }

    /// A situation that no longer arises (the feature is gone): `~` where the base states it.
    mutating func noLonger(_ situation: ResponseSituation, line: String) {
        Self.set(&responses, situation.rawValue, .removed)
        evidence.append("responses.\(situation.rawValue) gone: \(line)")
    }

    /// An auth method's observed state; the base's note is dropped (with a todo) when the state changed.
    mutating func method(_ method: AuthMethod, _ state: AuthMethodState, scheme: String?, line: String) {
        var entry: [DraftEntry] = [DraftEntry("state", .string(state.rawValue))]
        if let scheme { entry.append(DraftEntry("scheme", .string(scheme))) }
        if let expected = base?.auth[method.rawValue], expected.state != state, expected.note != nil {
            entry.append(DraftEntry("note", .removed))
            todo.append("auth.\(method.rawValue).note: the state changed from \(expected.state.rawValue) to \(state.rawValue); write a note")
        }
        Self.set(&auth, method.rawValue, .mapping(entry))
        evidence.append("auth.\(method.rawValue) \(state.rawValue): \(line)")
    }

    mutating func fact(_ section: WritableKeyPath<ObservationNotebook, [DraftEntry]>, _ key: String, _ value: DraftNode, evidence line: String) {
        Self.set(&self[keyPath: section], key, value)
        evidence.append(line)
    }

    private static func set(_ entries: inout [DraftEntry], _ key: String, _ value: DraftNode) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(DraftEntry(key, value))
        }
    }

    /// CVAT's error text: `detail`, or the first `non_field_errors` entry.
    static func detail(_ json: [String: Any]) -> String? {
        if let detail = json["detail"] as? String { return detail }
        if let errors = json["non_field_errors"] as? [String] { return errors.first }
        return nil
    }
}
