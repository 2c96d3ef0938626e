/// The system group (CVAT "privilege") of the emulated account, which CVAT's permission rules read.
///
/// `business` was removed by the migration `iam/0001_remove_business_group` in CVAT 2.22.0, before
/// every emulated release line, so a `business` account has no system group in the emulator (the
/// same as `none`). `docs/EMULATOR.md` lists what each role may do.
public enum EmulatorRole: String, CaseIterable, Sendable {
    /// The `admin` group; the account is also staff and superuser.
    case admin
    /// The former `business` group; no group from CVAT 2.22.0 on (every emulated line).
    case business
    /// The `user` group.
    case user
    /// The `worker` group.
    case worker
    /// No system group at all.
    case none

    /// The group names `GET /api/users/self` lists for this role on an emulated release.
    var groups: [String] {
        switch self {
        case .admin: ["admin"]
        case .user: ["user"]
        case .worker: ["worker"]
        case .business, .none: []
        }
    }

    /// CVAT's rule priority (`utils.rego` `get_priority`): lower is more privileged; no group is 1000.
    var priority: Int {
        switch self {
        case .admin: 0
        case .user: 75
        case .worker: 100
        case .business, .none: 1000
        }
    }

    /// `utils.has_perm(group)`: at least as privileged as `group`.
    func hasPerm(_ group: EmulatorRole) -> Bool { priority <= group.priority }
}
