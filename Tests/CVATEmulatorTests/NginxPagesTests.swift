import CVATEmulator
import Foundation
import Testing

/// The emulator's nginx pages (`html-errors=N`, the redirect front's 301) against the real nginx 1.22
/// answering `return N;`: same status, body bytes and headers.
@Suite(
    "nginx's own pages, compared with the real nginx",
    .enabled("needs nginx (Debian nginx-light: /usr/sbin/nginx); not found", { NginxProxy.binary != nil })
)
struct NginxPagesTests {
    @Test("html-errors=N answers what nginx's `return N;` answers, for every N")
    func errorPages() async throws {
        let statuses = EmulatorFault.htmlErrorStatuses
        let nginx = try await NginxProxy.start(portCount: 1) { ports in
            ["listen 127.0.0.1:\(ports[0]);\n" + statuses.map { "location = /s/\($0) { return \($0); }" }.joined(separator: "\n")]
        }
        do {
            for status in statuses {
                try await withEmulator("2.64.0", faults: [.htmlErrors(status: status)]) { harness in
                    let real = try await harness.send("GET", "/s/\(status)", base: nginx.baseURL)
                    let emulated = try await harness.send("GET", "/api/server/about")
                    Self.compare(real: real, emulated: emulated)
                }
            }
            await nginx.stop()
        } catch {
            await nginx.stop()
            throw error
        }
    }

    @Test("the redirect front's 301 is nginx's `return 301 https://…$request_uri;`")
    func redirect() async throws {
        try await withEmulator("2.64.0", faults: [.httpRedirectsToHTTPS]) { harness in
            let front = try #require(harness.server.redirectFrontURL)
            let nginx = try await NginxProxy.start(portCount: 1) { ports in
                ["listen 127.0.0.1:\(ports[0]);\nlocation / { return 301 https://127.0.0.1:\(harness.server.port)$request_uri; }"]
            }
            do {
                let path = "/api/schema/?format=json"
                let real = try await harness.send("GET", path, base: nginx.baseURL)
                let emulated = try await harness.send("GET", path, base: front)
                await nginx.stop()
                Self.compare(real: real, emulated: emulated)
                #expect(real.header("location") == emulated.header("location"))
            } catch {
                await nginx.stop()
                throw error
            }
        }
    }

    static func compare(real: Reply, emulated: Reply, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(emulated.status == real.status, sourceLocation: sourceLocation)
        #expect(emulated.body == real.body, sourceLocation: sourceLocation)
        for name in ["server", "content-type", "content-length", "connection"] {
            #expect(emulated.header(name) == real.header(name), "\(name)", sourceLocation: sourceLocation)
        }
    }
}
