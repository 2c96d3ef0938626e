import CVATEmulator
import Foundation
import Synchronization

/// A private CA and a server certificate for `127.0.0.1` and `localhost`, made once per test process
/// with `/usr/bin/openssl` in a unique temporary directory (a few small files, valid 30 days).
public struct TestCertificateAuthority: Sendable {
    /// PEM of the CA certificate: what clients trust (`--ca-file`, `SSL_CERT_FILE`, nginx `proxy_ssl_trusted_certificate`).
    public let caPath: String
    /// PEM of the server certificate (leaf), signed by the CA.
    public let certificatePath: String
    /// PEM of the server certificate's private key.
    public let keyPath: String

    /// The emulator's TLS settings for this certificate.
    public var emulatorTLS: EmulatorTLS { EmulatorTLS(certificateChainPath: certificatePath, privateKeyPath: keyPath) }

    /// The openssl binary the tests use.
    public static let openssl = "/usr/bin/openssl"

    /// Whether openssl is installed.
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: openssl) }

    private static let made = Mutex<Result<TestCertificateAuthority, TestCertificateError>?>(nil)

    /// The process's CA and server certificate, made on first use.
    public static func shared() throws -> TestCertificateAuthority {
        try made.withLock { cached in
            if let cached { return try cached.get() }
            let result = Result { () throws(TestCertificateError) in try make() }
            cached = result
            return try result.get()
        }
    }

    private static func make() throws(TestCertificateError) -> TestCertificateAuthority {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cvat-authcheck-test-ca-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TestCertificateError(text: "cannot create \(directory.path): \(error)")
        }
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let ext = """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1, DNS:localhost
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid

            """
        do {
            try ext.write(toFile: path("leaf.ext"), atomically: true, encoding: .utf8)
        } catch {
            throw TestCertificateError(text: "cannot write the extension file: \(error)")
        }
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path("ca.key"),
                "-out", path("ca.pem"), "-days", "30", "-subj", "/CN=cvat-authcheck test CA (made by the tests)",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path("server.key"),
                "-out", path("server.csr"), "-subj", "/CN=127.0.0.1",
            ],
            [
                "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
                "-out", path("server.pem"), "-days", "30", "-extfile", path("leaf.ext"),
            ],
        ]
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            do {
                try process.run()
            } catch {
                throw TestCertificateError(text: "cannot run \(openssl): \(error)")
            }
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw TestCertificateError(text: "openssl \(arguments[0]) failed: \(message)")
            }
        }
        return TestCertificateAuthority(caPath: path("ca.pem"), certificatePath: path("server.pem"), keyPath: path("server.key"))
    }
}

/// Why the test CA could not be made.
public struct TestCertificateError: Error, CustomStringConvertible {
    public let text: String
    public var description: String { text }
}
