import CVATEmulator
import Foundation

/// How a recorded deployment maps to an emulator configuration: the built-in table for the shared
/// records, or a `deployment.json` next to a user's own `run.json` (format in docs/EMULATOR.md).
struct DeploymentDescription: Decodable, Sendable {
    /// The CVAT version; default: the run folder's `<server>` part, else the record's server version.
    var server: String?
    /// Emulator faults by their CLI spelling, e.g. `"tls-no-forwarded-proto"`.
    var faults: [String]?
    /// The deployment is reached over TLS (implied by the TLS faults).
    var tls: Bool?
    /// The probe account's system role (`admin`, `business`, `user`, `worker`, `none`); default admin.
    var role: String?
    /// The probe account's organization membership.
    var organization: Organization?
    /// `ACCOUNT_EMAIL_VERIFICATION = 'mandatory'` with an unverified account.
    var emailVerificationMandatory: Bool?
    /// Django settings as `NAME: VALUE` text (`SESSION_COOKIE_SECURE: "true"`, …).
    var djangoSettings: [String: String]?
    /// For a redirect front: the `host:port` of the TLS front its `Location` headers name.
    var tlsFront: String?

    enum CodingKeys: String, CodingKey {
        case server, faults, tls, role, organization
        case emailVerificationMandatory = "email_verification_mandatory"
        case djangoSettings = "django_settings"
        case tlsFront = "tls_front"
    }

    struct Organization: Decodable, Sendable {
        let slug: String
        let role: String
    }

    /// The shared records' deployments (README of `real-cvat`), by the `<deployment>` part of the
    /// run folder name `<server>-<deployment>-<auth>`.
    static let builtIn: [String: DeploymentDescription] = [
        "direct": .init(),
        "strip-set-cookie": .init(faults: ["strip-set-cookie"]),
        "tls-no-forwarded-proto": .init(faults: ["tls-no-forwarded-proto"]),
        "http-redirects-to-https": .init(faults: ["http-redirects-to-https"], tlsFront: "127.0.0.1:9564"),
        "tls-django-secure-cookies": .init(tls: true, djangoSettings: ["SESSION_COOKIE_SECURE": "true", "CSRF_COOKIE_SECURE": "true"]),
        "direct-worker-account": .init(role: "worker"),
        "email-verification-unverified-account": .init(emailVerificationMandatory: true),
    ]

    init(
        server: String? = nil, faults: [String]? = nil, tls: Bool? = nil, role: String? = nil, organization: Organization? = nil,
        emailVerificationMandatory: Bool? = nil, djangoSettings: [String: String]? = nil, tlsFront: String? = nil
    ) {
        self.server = server
        self.faults = faults
        self.tls = tls
        self.role = role
        self.organization = organization
        self.emailVerificationMandatory = emailVerificationMandatory
        self.djangoSettings = djangoSettings
        self.tlsFront = tlsFront
    }

    /// The description for a run folder: its `deployment.json`, else the built-in entry for the
    /// folder name's `<deployment>` part.
    static func find(for run: RecordedRunFolder) throws -> DeploymentDescription {
        if FileManager.default.fileExists(atPath: run.descriptionFile.path) {
            do {
                return try JSONDecoder().decode(DeploymentDescription.self, from: Data(contentsOf: run.descriptionFile))
            } catch {
                throw ConformanceError("\(run.descriptionFile.path) is not a valid deployment description: \(error)")
            }
        }
        let name = FolderName(run.name)
        guard let deployment = name.deployment, var description = builtIn[deployment] else {
            throw ConformanceError(
                "run \(run.name): no deployment.json and no built-in deployment for this folder name; known: \(builtIn.keys.sorted().joined(separator: ", "))"
            )
        }
        description.server = description.server ?? name.server
        return description
    }

    /// The emulator configuration for this deployment and account (password and TLS files are set
    /// by the replay).
    func configuration(account: RecordedAccount, fallbackVersion: String?) throws -> EmulatorConfiguration {
        guard let version = server ?? fallbackVersion else { throw ConformanceError("no server version for the deployment") }
        var configuration = EmulatorConfiguration(
            version: version, password: "-", username: account.username, email: account.email,
            emailVerificationMandatory: emailVerificationMandatory ?? false,
            firstName: account.firstName, lastName: account.lastName)
        for text in faults ?? [] {
            guard let fault = EmulatorFault(parsing: text) else { throw ConformanceError("unknown fault '\(text)'") }
            configuration.faults.append(fault)
        }
        if let role {
            guard let parsed = EmulatorRole(rawValue: role) else { throw ConformanceError("unknown role '\(role)'") }
            configuration.role = parsed
        } else if let groups = account.groups {
            configuration.role = groups.contains("admin") ? .admin : groups.contains("user") ? .user : groups.contains("worker") ? .worker : .none
        }
        if let organization {
            guard let orgRole = EmulatorOrganizationRole(rawValue: organization.role) else {
                throw ConformanceError("unknown organization role '\(organization.role)'")
            }
            configuration.organization = EmulatorOrganization(slug: organization.slug, role: orgRole)
        }
        for (name, value) in djangoSettings ?? [:] {
            do {
                try configuration.cookieSettings.set(name, to: value)
            } catch {
                throw ConformanceError("\(error)")
            }
        }
        return configuration
    }

    /// Whether the emulator must serve TLS.
    var needsTLS: Bool {
        tls == true || (faults ?? []).compactMap(EmulatorFault.init(parsing:)).contains(where: \.needsTLS)
    }
}

/// A run folder name `<server>-<deployment>-<auth>`, e.g. `2.64.0-strip-set-cookie-pat-only`.
struct FolderName {
    var server: String?
    var deployment: String?
    var auth: String?

    init(_ name: String) {
        guard let dash = name.firstIndex(of: "-") else { return }
        server = String(name[..<dash])
        var rest = String(name[name.index(after: dash)...])
        for suffix in ["-pat-only", "-password"] where rest.hasSuffix(suffix) {
            auth = String(suffix.dropFirst())
            rest.removeLast(suffix.count)
        }
        deployment = rest
    }
}
