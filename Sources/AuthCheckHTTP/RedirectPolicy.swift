import AuthCheckCore
import Foundation

/// How the tool treats redirects: it never follows one. A 3xx answer is returned to the probe as is,
/// and this type names what it would have meant — same origin, another origin, or a downgrade from
/// https to http — so reports say so in words. The transport also refuses to send credentials
/// (``credentialHeaders``) to any origin other than the target's.
public enum RedirectPolicy {
    /// Header names that carry credentials and never leave the target's origin (lower-cased).
    public static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-csrftoken"]

    /// Where a redirect points, relative to the request that got it.
    public enum Kind: String, Hashable, Sendable {
        /// Same scheme, host and port.
        case sameOrigin = "same-origin"
        /// Another host or port (same scheme, or http → https).
        case crossOrigin = "cross-origin"
        /// From https to http: credentials would travel in clear text.
        case downgrade
    }

    /// One redirect answer, described.
    public struct Redirect: Hashable, Sendable {
        public var status: Int
        /// The `Location` header as sent.
        public var location: String
        /// `Location` resolved against the request URL (nil when it is not a URL).
        public var resolved: URL?
        public var kind: Kind

        /// "302 redirect to another origin (http://other:8080/login): not followed; credentials are never sent there".
        public var description: String {
            let target = resolved.map { RedirectPolicy.display($0) } ?? location
            switch kind {
            case .sameOrigin:
                return "\(status) redirect within the same origin to \(target): not followed (the tool never follows redirects)"
            case .crossOrigin:
                return "\(status) redirect to another origin (\(target)): not followed; credentials are never sent to another origin"
            case .downgrade:
                return "\(status) redirect from https to plain http (\(target)): not followed; credentials would travel unencrypted"
            }
        }
    }

    /// `scheme://host:port` with the default port made explicit, lower-cased.
    public static func origin(of url: URL) -> String {
        let scheme = (url.scheme ?? "").lowercased()
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\((url.host ?? "").lowercased()):\(port)"
    }

    /// Whether two URLs share scheme, host and port.
    public static func sameOrigin(_ lhs: URL, _ rhs: URL) -> Bool { origin(of: lhs) == origin(of: rhs) }

    /// Describes a 3xx response with a `Location` header; `nil` for anything else.
    public static func classify(_ response: HTTPResponseData, requestURL: URL) -> Redirect? {
        guard (300..<400).contains(response.status), let location = response.header("Location") else { return nil }
        return classify(status: response.status, location: location, requestURL: requestURL)
    }

    /// Describes a redirect to `location` answered to a request for `requestURL`.
    public static func classify(status: Int, location: String, requestURL: URL) -> Redirect {
        let resolved = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: requestURL)?.absoluteURL
        let kind: Kind
        if let resolved, resolved.host != nil {
            if requestURL.scheme?.lowercased() == "https" && resolved.scheme?.lowercased() == "http" {
                kind = .downgrade
            } else {
                kind = sameOrigin(resolved, requestURL) ? .sameOrigin : .crossOrigin
            }
        } else {
            kind = .crossOrigin
        }
        return Redirect(status: status, location: location, resolved: resolved, kind: kind)
    }

    /// The credential headers in `headers` (names as given).
    public static func credentials(in headers: [HeaderField]) -> [String] {
        headers.filter { credentialHeaders.contains($0.name.lowercased()) }.map(\.name)
    }

    /// A URL without its query values and user info, for texts (a signed URL's `sign=` is a secret).
    static func display(_ url: URL) -> String {
        var text = url.absoluteString
        if var components = URLComponents(url: url, resolvingAgainstBaseURL: false), components.user != nil || components.password != nil {
            components.user = nil
            components.password = nil
            text = components.string ?? text
        }
        return AHCTransport.withoutQueryValues(text)
    }
}
