import Foundation
import Testing

/// What the real cvat-sdk does in a situation, as the shared records (`sdk-outcomes.jsonl`) or the
/// reference (part C and §4) report it; never taken from the emulator.
enum SDKExpectation: Sendable, CustomStringConvertible {
    /// make_client + retrieve_self + logout all succeed.
    case works
    /// The bare `AssertionError` from `assert "sessionid" in self.api_client.cookies` in `Client.login`.
    case cookieAssertion
    /// `TypeError: About._from_openapi_data() missing 2 required positional arguments: 'logo_url' and 'subtitle'`.
    case aboutTypeError
    /// The unsafe request (logout) gets 403 "CSRF Failed: Origin checking failed - <scheme>://… does not match any trusted origins."
    case originForbidden(scheme: String)
    /// `UnauthorizedException` 401 on `retrieve_self`: urllib3 followed the http → https redirect
    /// and dropped `Authorization` and `Cookie` on the cross-origin hop.
    case unauthorizedOnRetrieveSelf
    /// `ApiException` 400 in `make_client` (login refused with the HTML body `Unverified email`).
    case unverifiedEmail
    /// An `ApiException` subclass raised by the login in `make_client` (the failed about request only
    /// warns, reference §4); the class follows the status as cvat-sdk's generated `rest.py` maps it
    /// (401 Unauthorized-, 403 Forbidden-, 404 NotFound-, 5xx ServiceException).
    case loginFails(type: String, status: Int)
    /// urllib3's `MaxRetryError` from the version check in `make_client`: cvat-sdk 2.80's generated
    /// `Configuration` retries 502, 503 and 504 (`Retry(total=3, status_forcelist=(502, 503, 504))`;
    /// 2.24's sets none) and the exhausted retries are not an `ApiException`, so the check does not
    /// catch them.
    case retriesExhausted

    var description: String {
        switch self {
        case .works: "works"
        case .cookieAssertion: "AssertionError"
        case .aboutTypeError: "TypeError(logo_url, subtitle)"
        case .originForbidden(let scheme): "403 Origin checking failed (\(scheme))"
        case .unauthorizedOnRetrieveSelf: "401 on retrieve_self"
        case .unverifiedEmail: "400 Unverified email"
        case .loginFails(let type, let status): "\(type) \(status) in make_client"
        case .retriesExhausted: "MaxRetryError in make_client"
        }
    }

    /// The `outcome` and `step` of `sdk-outcomes.jsonl` this expectation stands for.
    var recordedOutcome: (outcome: String, step: String?) {
        switch self {
        case .works: ("ok", nil)
        case .cookieAssertion: ("AssertionError", "make_client")
        case .aboutTypeError: ("TypeError", "make_client")
        case .originForbidden: ("ForbiddenException", "logout")
        case .unauthorizedOnRetrieveSelf: ("UnauthorizedException", "retrieve_self")
        case .unverifiedEmail: ("ApiException", "make_client")
        case .loginFails(let type, _): (type, "make_client")
        case .retriesExhausted: ("MaxRetryError", "make_client")
        }
    }

    /// Checks a driver report against the expectation.
    func verify(_ report: SDKEnvironment.Report, user: String = "probe", sourceLocation: SourceLocation = #_sourceLocation) {
        switch self {
        case .works:
            #expect(report.outcome == "ok", "\(report)", sourceLocation: sourceLocation)
            #expect(report.user == user, sourceLocation: sourceLocation)
        case .cookieAssertion:
            #expect(report.type == "AssertionError", "\(report)", sourceLocation: sourceLocation)
            #expect(report.message == "", sourceLocation: sourceLocation)
            #expect(report.step == "make_client", sourceLocation: sourceLocation)
            #expect(report.line == "assert \"sessionid\" in self.api_client.cookies", sourceLocation: sourceLocation)
        case .aboutTypeError:
            #expect(report.type == "TypeError", "\(report)", sourceLocation: sourceLocation)
            #expect(report.step == "make_client", sourceLocation: sourceLocation)
            #expect(
                report.message?.contains("missing 2 required positional arguments: 'logo_url' and 'subtitle'") == true, sourceLocation: sourceLocation
            )
        case .originForbidden(let scheme):
            #expect(report.type == "ForbiddenException", "\(report)", sourceLocation: sourceLocation)
            #expect(report.status == 403, sourceLocation: sourceLocation)
            #expect(report.step == "logout", sourceLocation: sourceLocation)
            let body = report.body ?? ""
            #expect(body.contains("CSRF Failed: Origin checking failed - \(scheme)://127.0.0.1:"), "\(body)", sourceLocation: sourceLocation)
            #expect(body.contains("does not match any trusted origins."), sourceLocation: sourceLocation)
        case .unauthorizedOnRetrieveSelf:
            #expect(report.type == "UnauthorizedException", "\(report)", sourceLocation: sourceLocation)
            #expect(report.status == 401, sourceLocation: sourceLocation)
            #expect(report.step == "retrieve_self", sourceLocation: sourceLocation)
        case .unverifiedEmail:
            #expect(report.type == "ApiException", "\(report)", sourceLocation: sourceLocation)
            #expect(report.status == 400, sourceLocation: sourceLocation)
            #expect(report.step == "make_client", sourceLocation: sourceLocation)
            #expect(report.body == "Unverified email", sourceLocation: sourceLocation)
        case .loginFails(let type, let status):
            #expect(report.type == type, "\(report)", sourceLocation: sourceLocation)
            #expect(report.status == status, sourceLocation: sourceLocation)
            #expect(report.step == "make_client", sourceLocation: sourceLocation)
        case .retriesExhausted:
            #expect(report.type == "MaxRetryError", "\(report)", sourceLocation: sourceLocation)
            #expect(report.step == "make_client", sourceLocation: sourceLocation)
            #expect(report.message?.contains("too many 50") == true, "\(report)", sourceLocation: sourceLocation)
        }
    }
}
