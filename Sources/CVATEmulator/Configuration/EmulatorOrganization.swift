/// The one organization the emulated account belongs to, with its role there.
///
/// Requests select it with `X-Organization: <slug>`, `?org=<slug>` or `?org_id=1`; any other slug or
/// id answers CVAT's 404 `<slug> organization does not exist.` where the permission check reads the
/// organization context.
public struct EmulatorOrganization: Sendable, Hashable {
    /// The organization's slug, e.g. `"acme"`.
    public var slug: String
    /// The account's membership role in it.
    public var role: EmulatorOrganizationRole

    /// Creates an organization membership.
    public init(slug: String, role: EmulatorOrganizationRole) {
        self.slug = slug
        self.role = role
    }

    /// The organization's id (`?org_id=`), always 1.
    static let id = 1
}

/// A membership role in a CVAT organization.
public enum EmulatorOrganizationRole: String, CaseIterable, Sendable {
    /// Created the organization.
    case owner
    /// May manage members and every resource.
    case maintainer
    /// May create resources and see the organization's work.
    case supervisor
    /// May work on what is assigned.
    case worker

    /// `organizations.rego` `get_priority`: lower is more privileged.
    var priority: Int {
        switch self {
        case .owner: 0
        case .maintainer: 50
        case .supervisor: 75
        case .worker: 100
        }
    }

    /// `organizations.has_perm(role)`.
    func hasPerm(_ role: EmulatorOrganizationRole) -> Bool { priority <= role.priority }
}
