extension CVATEngine {
    /// CVAT's `iam/middleware.py` `get_organization`: the organization a request names through
    /// `?org=`, `?org_id=` or `X-Organization`, or the error it raises when a permission check reads
    /// the (lazy) context. `.success(nil)` is the personal sandbox.
    func organizationContext(_ request: WireRequest) -> Result<EmulatorOrganization?, WireResponseBox> {
        let slugParameter = request.queryValue("org")
        let idParameter = request.queryValue("org_id")
        let header = request.header("x-organization")
        if idParameter != nil, slugParameter != nil || header != nil {
            return .failure(
                WireResponseBox(
                    .json(
                        400,
                        .array([
                            "You cannot specify \"org_id\" query parameter with \"org\" query parameter or \"X-Organization\" HTTP header at the same time."
                        ]))))
        }
        if let slugParameter, let header, slugParameter != header {
            return .failure(
                WireResponseBox(
                    .json(
                        400,
                        .array([
                            "You cannot specify \"org\" query parameter and \"X-Organization\" HTTP header with different values."
                        ]))))
        }
        let known = settings.organization
        if let slug = slugParameter ?? header, !slug.isEmpty {
            guard let known, known.slug == slug else { return .failure(Self.noSuchOrganization(slug)) }
            return .success(known)
        }
        if let idParameter, !idParameter.isEmpty {
            // int(org_id): a ValueError escapes as Django's 500 page.
            guard let id = Int(idParameter.trimmingCharacters(in: .whitespaces)) else {
                return .failure(WireResponseBox(DjangoPages.serverError))
            }
            guard let known, id == EmulatorOrganization.id else { return .failure(Self.noSuchOrganization(idParameter)) }
            return .success(known)
        }
        return .success(nil)
    }

    private static func noSuchOrganization(_ name: String) -> WireResponseBox {
        WireResponseBox(.json(404, .detail("\(name) organization does not exist.")))
    }
}
