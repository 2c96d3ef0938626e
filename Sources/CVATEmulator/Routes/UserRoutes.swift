import Foundation

extension CVATEngine {
    /// CVAT's `UserSerializer`; groups, staff and superuser follow the configured role, and
    /// `has_analytics_access` is true for the admin (observed: admin true, worker false).
    func userJSON(_ user: EmulatedUser, baseURL: String) -> JSONValue {
        let role = settings.role
        return .object([
            ("url", .string("\(baseURL)/api/users/\(user.id)")), ("id", .int(user.id)),
            ("username", .string(user.username)), ("first_name", .string(user.firstName)), ("last_name", .string(user.lastName)),
            ("email", .string(user.email)), ("groups", .array(role.groups.map(JSONValue.string))),
            ("is_staff", .bool(role == .admin)), ("is_superuser", .bool(role == .admin)), ("is_active", .bool(user.isActive)),
            ("last_login", .optional(user.lastLogin.map(HTTPDate.iso))),
            ("date_joined", .string(HTTPDate.iso(user.dateJoined))), ("has_analytics_access", .bool(role == .admin)),
        ])
    }

    /// The short owner object embedded in projects and access tokens.
    func ownerJSON(_ user: EmulatedUser, baseURL: String) -> JSONValue {
        .object([
            ("url", .string("\(baseURL)/api/users/\(user.id)")), ("id", .int(user.id)),
            ("username", .string(user.username)), ("first_name", .string(user.firstName)), ("last_name", .string(user.lastName)),
        ])
    }

    /// `GET /api/users/self`.
    var usersSelfView: DRFView {
        defaultView("User", allow: "GET, HEAD, OPTIONS", methods: ["GET"], policy: { _ in .userViewSelf }) { exchange, _, state in
            .json(200, self.userJSON(state.user, baseURL: exchange.baseURL))
        }
    }

    func projectJSON(_ project: ProjectRecord, state: EmulatorState, baseURL: String) -> JSONValue {
        let created = JSONValue.string(HTTPDate.iso(project.created))
        var members: [(String, JSONValue)] = [
            ("url", .string("\(baseURL)/api/projects/\(project.id)")), ("id", .int(project.id)),
            ("name", .string(project.name)), ("owner", ownerJSON(state.user, baseURL: baseURL)),
            ("assignee", .null), ("guide_id", .null), ("bug_tracker", ""), ("created_date", created),
            ("updated_date", created), ("status", "annotation"), ("dimension", .null),
            ("organization", project.organizationID.map(JSONValue.int) ?? .null),
        ]
        if settings.line.projectHasOrganizationID { members.append(("organization_id", project.organizationID.map(JSONValue.int) ?? .null)) }
        members += [
            ("target_storage", .null), ("source_storage", .null),
            ("tasks", .object([("count", 0), ("url", .string("\(baseURL)/api/tasks?project_id=\(project.id)"))])),
            ("labels", .object([("url", .string("\(baseURL)/api/labels?project_id=\(project.id)"))])),
            ("assignee_updated_date", .null), ("task_subsets", .array([])),
        ]
        return .object(members)
    }

    /// `GET`/`POST /api/projects`: the one ordinary write endpoint.
    var projectsView: DRFView {
        defaultView(
            "Project", allow: "GET, POST, HEAD, OPTIONS", methods: ["GET", "POST"],
            policy: { method in method == "POST" ? .projectCreate : method == "GET" ? .projectList : nil }
        ) { exchange, _, state in
            let organizationID = exchange.organization.map { _ in EmulatorOrganization.id }
            if exchange.request.method != "POST" {
                let visible = state.projects.filter { exchange.organization == nil || $0.organizationID == organizationID }
                let results = visible.reversed().map { self.projectJSON($0, state: state, baseURL: exchange.baseURL) }
                return .json(
                    200,
                    .object([
                        ("count", .int(results.count)), ("next", .null), ("previous", .null), ("results", .array(results)),
                    ]))
            }
            let body: RequestJSON
            switch RequestJSON.parse(exchange.request) {
            case .success(let parsed): body = parsed
            case .failure(let box): return box.response
            }
            let name: String
            switch body.requiredString("name") {
            case .success(let text): name = text
            case .failure(let error): return .validation([error])
            }
            let project = ProjectRecord(id: state.nextProjectID, name: name, created: exchange.now, organizationID: organizationID)
            state.nextProjectID += 1
            state.projects.append(project)
            var response = WireResponse.json(201, self.projectJSON(project, state: state, baseURL: exchange.baseURL))
            response.headers.insert(("location", "\(exchange.baseURL)/api/projects/\(project.id)"), at: 1)
            return response
        }
    }
}
