/// What CVAT's `PolicyEnforcer` checks for a request: the scope of the OPA rule it queries.
enum PolicyScope: Sendable, Equatable {
    /// `users.rego` `view` of the caller's own user (`GET /api/users/self`).
    case userViewSelf
    /// `projects.rego` `list`.
    case projectList
    /// `projects.rego` `create`.
    case projectCreate
    /// `access_tokens.rego` `list` or `create`.
    case accessTokenListOrCreate
    /// `access_tokens.rego` `view`, `update` or `delete` of one of the caller's own tokens: the one
    /// with this id (checked after DRF's `get_object`, so a missing token is 404 first), or the
    /// token of the request itself (`nil`, `/api/auth/access_tokens/self`).
    case accessTokenOwn(id: Int?)
    /// `SigningView` is a plain `APIView`: `PolicyEnforcer.has_permission` reads `view.detail`,
    /// which only viewsets have, and Django answers its HTML 500 page (every release with signing).
    case crashesOnViewDetail

    /// Whether a token-authenticated client may do this at all (the access-token plugin rules:
    /// tokens may list and view tokens and users, never create, edit or revoke tokens).
    func allowsAccessToken(method: String, readOnly: Bool) -> Bool {
        let safe = ["GET", "HEAD", "OPTIONS"].contains(method)
        switch self {
        case .accessTokenListOrCreate, .accessTokenOwn, .userViewSelf: return safe
        case .projectList, .projectCreate, .crashesOnViewDetail: return safe || !readOnly
        }
    }
}

/// CVAT's OPA rules (its `.rego` files, from 2.22 on: no `business` group) for the scopes the
/// emulator serves, for one account.
struct PermissionPolicy: Sendable {
    let role: EmulatorRole
    /// The account's role in the organization of the request's context; `nil` in the sandbox.
    let organizationRole: EmulatorOrganizationRole?
    /// Whether the request names an organization (`X-Organization`, `?org=`, `?org_id=`).
    let inOrganization: Bool

    /// `allow` of the rule for `scope`.
    func allows(_ scope: PolicyScope) -> Bool {
        if role == .admin { return true }  // utils.is_admin
        switch scope {
        case .userViewSelf:
            return true  // input.resource.id == input.auth.user.id
        case .projectList:
            return !inOrganization || organizationRole != nil
        case .projectCreate:
            guard role.hasPerm(.user) else { return false }
            return !inOrganization || organizationRole?.hasPerm(.supervisor) == true
        case .accessTokenListOrCreate, .accessTokenOwn:
            return role.hasPerm(.worker)  // the caller's own tokens only (filter: owner_id)
        case .crashesOnViewDetail:
            return true  // never reached: the crash comes first
        }
    }
}
