import Foundation

/// The probe account as the record shows it: the username of its password logins and, from the
/// first `200` of `GET /api/users/self`, its e-mail, names and groups.
struct RecordedAccount: Sendable {
    var username = "probe"
    var email = "probe@example.com"
    var firstName = ""
    var lastName = ""
    /// The `groups` of the user object, if one was recorded.
    var groups: [String]?

    init(_ run: RecordedRun) {
        if let user = run.exchanges.lazy.compactMap({ exchange -> JSONNode? in
            guard exchange.status == 200, exchange.url.path == "/api/users/self" else { return nil }
            return JSONNode.parse(exchange.responseBody)
        }).first {
            username = user["username"]?.stringValue ?? username
            email = user["email"]?.stringValue ?? email
            firstName = user["first_name"]?.stringValue ?? ""
            lastName = user["last_name"]?.stringValue ?? ""
            if case .array(let items)? = user["groups"] { groups = items.compactMap(\.stringValue) }
            return
        }
        // No user object: the username of the password login that is not the bad-credentials probe.
        let logins = run.exchanges.filter { $0.method == "POST" && $0.url.path == "/api/auth/login" && $0.probe != "credentials.bad" }
        if let name = logins.lazy.compactMap({ JSONNode.parse($0.requestBody ?? "")?["username"]?.stringValue }).first {
            username = name
        }
    }
}
