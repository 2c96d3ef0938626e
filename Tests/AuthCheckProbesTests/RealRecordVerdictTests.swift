import AuthCheckCore
import AuthCheckHTTP
import Foundation
import Testing

@testable import AuthCheckProbes

/// The verdict logic judged on what real CVAT servers answered (`../shared/real-cvat`): each recorded
/// answer that the tool once misread gets the cause and severity the evidence supports. Expected values
/// come from the records' README (what was confirmed by hand) and the reference, never from the code.
@Suite("Verdicts on real CVAT answers", .enabled(if: RealRecords.absence == nil, "\(RealRecords.absence ?? "")"))
struct RealRecordVerdictTests {
    @Test("2.24.0's POST /api/auth/signing 500 is CVAT's own error page, the profile's known defect: an expected failure, not a proxy fault")
    func signingDefect() throws {
        let exchange = try #require(try RealRecords.exchange("2.24.0-direct-password", "POST", "/api/auth/signing", status: 500))
        let context = try RecordedContext.make(version: "2.24.0", url: "http://127.0.0.1:8224")
        // Not a proxy's page: Django's "Server Error (500)" from uvicorn.
        #expect(!AnswerClassifier.isProxyPage(exchange))
        #expect(context.classifier.finding(exchange)?.diagnosis == DiagnosisCatalog.serverError)
        #expect(context.classifier.finding(exchange)?.status == .error)
        let outcome = context.deviation(
            "signing", "signed URL", "signing failed", expected: "200", exchange: exchange,
            fallback: DiagnosisCatalog.signingBroken)
        #expect(outcome.status == .skipped)
        #expect(outcome.facts["known_defect"] == "signing-view-has-no-detail")
        #expect(outcome.message.hasPrefix("expected failure: known CVAT defect 'signing-view-has-no-detail'"))
        #expect(outcome.causeText?.contains("'SigningView' object has no attribute 'detail'") == true)
    }

    @Test("the same 500 on a release outside the defect's range, or with another answer, is judged as usual")
    func defectIsPrecise() throws {
        let exchange = try #require(try RealRecords.exchange("2.24.0-direct-password", "POST", "/api/auth/signing", status: 500))
        // 2.46 has no such defect (the endpoint is gone): a 500 there is CVAT failing, an error.
        let later = try RecordedContext.make(version: "2.46.0", url: "http://127.0.0.1:8224")
        let judged = later.deviation(
            "signing", "endpoint gone", "answered 500", expected: "404", exchange: exchange, fallback: DiagnosisCatalog.methodStillAccepted)
        #expect(judged.status == .error)
        #expect(judged.cause == DiagnosisCatalog.serverError.id)
        // The day the answer changes (here: a proxy's 502 instead), the defect no longer matches.
        var changed = exchange
        changed.response = HTTPResponseData(
            status: 502, headers: [HeaderField("Server", "nginx/1.22.1"), HeaderField("Content-Type", "text/html")],
            body: Array(
                "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.22.1</center></body></html>"
                    .utf8))
        let context = try RecordedContext.make(version: "2.24.0", url: "http://127.0.0.1:8224")
        let proxied = context.deviation(
            "signing", "signed URL", "signing failed", expected: "200", exchange: changed, fallback: DiagnosisCatalog.signingBroken)
        #expect(proxied.status == .error)
        #expect(proxied.cause == DiagnosisCatalog.proxyErrorPage.id)
    }

    @Test("http → https: the recorded 301 names the https URL clients must use, not an SSO gateway")
    func httpsRedirect() throws {
        let exchange = try #require(try RealRecords.exchange("2.64.0-http-redirects-to-https-password", "GET", "/api/server/about", status: 301))
        let target = try #require(URL(string: "http://127.0.0.1:9664"))
        #expect(AnswerClassifier.httpsUpgrade(of: target, answer: exchange)?.absoluteString == "https://127.0.0.1:9564")
        let context = try RecordedContext.make(version: "2.64.0", url: target.absoluteString)
        let finding = try #require(context.classifier.finding(exchange))
        #expect(finding.diagnosis == DiagnosisCatalog.httpRedirectsToHTTPS)
        #expect(finding.status == .fail)
    }

    @Test("an unverified account's login (400 text/html \"Unverified email\") and Basic (401) name the account state, not a proxy page")
    func unverifiedAccount() throws {
        let run = "2.64.0-email-verification-unverified-account-password"
        let recorded = try RealRecords.exchanges(run).map(RealRecords.replayed)
        let login = try #require(recorded.first { $0.status == 400 && $0.response.text == "Unverified email" })
        let basic = try #require(recorded.first { $0.status == 401 && $0.detail == "E-mail is not verified." })
        let context = try RecordedContext.make(version: "2.64.0", url: "http://127.0.0.1:8267")
        for exchange in [login, basic] {
            #expect(context.classifier.finding(exchange)?.diagnosis == DiagnosisCatalog.accountEmailUnverified, "\(exchange.summary)")
            #expect(!AnswerClassifier.isProxyPage(exchange))
        }
    }

    @Test("a least-privilege account's 403 on POST /api/projects is CVAT's permission rule, not a CSRF or Origin refusal")
    func workerPermission() throws {
        let run = "2.64.0-direct-worker-account-password"
        let refused = try RealRecords.exchanges(run).map(RealRecords.replayed).filter {
            $0.status == 403 && $0.record.url.hasSuffix("/api/projects") && $0.detail == "You do not have permission to perform this action."
        }
        #expect(refused.count >= 2)
        let context = try RecordedContext.make(version: "2.64.0", url: "http://127.0.0.1:8268")
        for exchange in refused {
            #expect(context.classifier.csrfCause(exchange, https: false) == nil)
            #expect(context.classifier.finding(exchange)?.diagnosis == DiagnosisCatalog.accountLacksPermission)
            #expect(context.classifier.finding(exchange)?.status == .skipped)
        }
    }

    @Test("TLS terminated without X-Forwarded-Proto: the https Origin refused is named csrf-origin-mismatch")
    func originRefused() throws {
        let run = "2.64.0-tls-no-forwarded-proto-password"
        let refused = try #require(
            try RealRecords.exchanges(run).map(RealRecords.replayed).first {
                $0.status == 403 && ($0.detail ?? "").contains("Origin checking failed - https://")
            })
        let context = try RecordedContext.make(version: "2.64.0", url: "https://127.0.0.1:9464")
        #expect(context.classifier.csrfCause(refused, https: true) == DiagnosisCatalog.originMismatch)
    }

    @Test("Django's own Secure cookies over correct TLS: no attribute fails (Secure over https is advice), Python's parser loses them all")
    func djangoSecureCookies() throws {
        let run = "2.64.0-tls-django-secure-cookies-password"
        let login = try #require(try RealRecords.exchange(run, "POST", "/api/auth/login", status: 200))
        let cookies = login.setCookies.filter(\.isValid)
        #expect(cookies.map(\.name).sorted() == ["csrftoken", "sessionfresh", "sessionid"])
        for cookie in cookies {
            #expect(cookie.secure)
            #expect(CookiesAttributesProbe.breakage(cookie, host: "127.0.0.1", https: true) == nil, "\(cookie.name)")
            // The same line over plain http would fail: browsers never send a Secure cookie back there.
            #expect(CookiesAttributesProbe.breakage(cookie, host: "127.0.0.1", https: false)?.1 == DiagnosisCatalog.cookieSecureOverHTTP)
        }
        let view = PythonCookieView.sdk(response: login.response)
        #expect(view.cookieNames.isEmpty)
        #expect(view.lossKind == .bareFlag)
        #expect(view.explanation?.token == "Secure")
        #expect(view.explanation?.cookie == "csrftoken")
    }
}
