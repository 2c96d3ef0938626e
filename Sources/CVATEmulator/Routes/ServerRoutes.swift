import Foundation

extension CVATEngine {
    static let aboutDescription =
        "CVAT is completely re-designed and re-implemented version of Video Annotation Tool from Irvine, California tool. It is free, online, interactive video and image annotation tool for computer vision. It is being used by our team to annotate million of objects with different properties. Many UI and UX decisions are based on feedbacks from professional data annotation team."

    /// `GET /api/server/about`: anonymous, but the default authenticators still run.
    var aboutView: DRFView {
        defaultView("About", allow: "GET, HEAD, OPTIONS", methods: ["GET"], requiresAuthentication: false) { exchange, _, _ in
            var members: [(String, JSONValue)] = [
                ("name", "Computer Vision Annotation Tool"),
                ("description", .string(Self.aboutDescription)),
                ("version", .string(self.settings.reportedVersion)),
            ]
            if self.settings.line.aboutHasLogo {
                members.append(("logo_url", .string("\(exchange.baseURL)/static/logo.svg")))
                members.append(("subtitle", "Open Data Annotation Platform"))
            }
            return .json(200, .object(members))
        }
    }

    /// `GET /api/auth/rules`: the OPA policy bundle; no authentication at all.
    var rulesView: DRFView {
        DRFView(
            name: "Rules", allow: "GET, HEAD, OPTIONS", methods: ["GET"], authenticators: [],
            requiresAuthentication: false, policy: { _ in nil }, throttled: true
        ) { _, _, _ in
            // An empty tar archive (two zero blocks) stands in for the bundle.
            WireResponse(
                status: 200,
                headers: [
                    ("content-type", "application/x-tar"),
                    ("etag", "\"cvat-emulator-rules-\(self.settings.line)\""),
                ], body: [UInt8](repeating: 0, count: 1024))
        }
    }

    /// `GET /api/server/health/`: django-health-check, a plain Django view.
    func health(_ exchange: inout Exchange, _ state: inout EmulatorState) -> WireResponse {
        let request = exchange.request
        guard request.method == "GET" || request.method == "HEAD" else {
            return WireResponse(status: 405, headers: [("content-type", "text/html; charset=utf-8"), ("allow", "GET")])
        }
        let checks = [
            "Cache backend: default", "Cache backend: media", "DatabaseBackend", "DiskUsage", "MemoryUsage", "MigrationsHealthCheck",
            "OPAHealthCheck",
        ]
        let wantsJSON = request.queryValue("format") == "json" || (request.header("accept") ?? "").contains("application/json")
        if wantsJSON {
            let body = JSONValue.object(checks.map { ($0, "working") })
            return WireResponse(status: 200, headers: [("content-type", "application/json")], body: Array(body.rendered.utf8))
        }
        let rows = checks.map { "<tr><td>\($0)</td><td>working</td></tr>" }.joined(separator: "\n")
        return .html(
            200,
            "<!DOCTYPE html>\n<html><head><title>System status</title></head><body>\n<h1>System status</h1>\n<table>\n\(rows)\n</table>\n</body></html>\n"
        )
    }

    /// `GET /api/schema/`: drf-spectacular's OpenAPI document (YAML, or JSON on request).
    var schemaView: DRFView {
        defaultView("Schema", allow: "GET, HEAD, OPTIONS", methods: ["GET"], requiresAuthentication: false) { exchange, _, _ in
            let request = exchange.request
            let document = OpenAPIDocument.make(line: self.settings.line, version: self.settings.reportedVersion)
            let wantsJSON = request.queryValue("format") == "json" || (request.header("accept") ?? "").contains("json")
            if wantsJSON {
                var response = WireResponse(
                    status: 200, headers: [("content-type", "application/vnd.oai.openapi+json")], body: Array(document.rendered.utf8))
                response.varyOn = ["Accept"]
                return response
            }
            var response = WireResponse(
                status: 200, headers: [("content-type", "application/vnd.oai.openapi; charset=utf-8")],
                body: Array(OpenAPIDocument.yaml(document).utf8))
            response.varyOn = ["Accept"]
            return response
        }
    }
}
