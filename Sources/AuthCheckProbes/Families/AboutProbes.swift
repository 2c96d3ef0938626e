import AuthCheckCore
import AuthCheckHTTP
import AuthCheckProbeIDs
import Foundation

/// `about.shape`: `/api/server/about` carries the fields the profile lists and those every client line
/// of the catalogue reads (cvat-sdk ≥2.30 requires `logo_url` and `subtitle`).
public struct AboutShapeProbe: Probe {
    public static let id = ProbeID.aboutShape
    public let descriptor = ProbeDescriptor(
        id: Self.id, summary: "/api/server/about has the fields the profile and each client line require", phase: .discovery, needsCredentials: false)

    public init() {}

    public func run(in context: ProbeContext) async throws -> [Outcome] {
        let exchange = try await context.exchanger.send(context.apiRequest("GET", .about))
        await context.state.set(StateKey.about, exchange.response)
        let required = context.server.about?.fields ?? ["name", "description", "version"]
        let expected = context.cite("GET \(context.server.endpoint(.about)) → 200 JSON with \(required.joined(separator: ", "))")
        guard exchange.status == 200, let json = exchange.json else {
            // cvat-sdk only warns when about fails ("Failed to retrieve server API version") and goes on: advice,
            // unless the answer names a cause of its own.
            let message = "/api/server/about answered \(exchange.status)\(exchange.isHTML ? " with HTML" : ""), not CVAT's JSON"
            if context.classifier.finding(exchange)?.diagnosis == DiagnosisCatalog.proxyBlocked {
                return [
                    context.advice(
                        Self.id, "fields", message, expected: expected, observed: exchange.summary,
                        diagnosis: DiagnosisCatalog.aboutBlocked, evidence: [exchange.record])
                ]
            }
            return [
                context.deviation(
                    Self.id, "fields", message, expected: expected, exchange: exchange, fallback: DiagnosisCatalog.aboutBlocked,
                    severity: .pass)
            ]
        }
        let present = Set(json.keys)
        let missing = required.filter { !present.contains($0) }
        var facts: [String: String] = ["fields": json.keys.sorted().joined(separator: ",")]
        let clientNeeds = context.clients.filter { !$0.profile.aboutFields.allSatisfy(present.contains) }.map { client in
            "\(client.profile.label) needs \(client.profile.aboutFields.filter { !present.contains($0) }.joined(separator: ", "))"
        }
        if !clientNeeds.isEmpty { facts["clients_missing_fields"] = clientNeeds.joined(separator: "; ") }
        if !missing.isEmpty {
            return [
                context.fail(
                    Self.id, "fields", "/api/server/about lacks \(missing.joined(separator: ", "))", expected: expected,
                    observed: "fields present: \(json.keys.sorted().joined(separator: ", "))",
                    diagnosis: DiagnosisCatalog.aboutFieldsMissing, evidence: [exchange.record], facts: facts)
            ]
        }
        var message = "/api/server/about has \(required.joined(separator: ", "))"
        if !clientNeeds.isEmpty { message += "; newer client lines would need more (\(clientNeeds.joined(separator: "; "))), see sdk.compat" }
        return [
            Verdict.pass(
                Self.id, "fields", message, expected: expected, observed: "fields present: \(json.keys.sorted().joined(separator: ", "))",
                evidence: [exchange.record], facts: facts)
        ]
    }
}
