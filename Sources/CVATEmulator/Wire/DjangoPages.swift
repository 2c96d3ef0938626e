/// Fixed HTML pages: Django's own error pages (`DEBUG = False`, no custom templates) and the page an
/// SSO proxy in front serves.
enum DjangoPages {
    /// Django's `ERROR_PAGE_TEMPLATE` (it starts with a newline).
    private static func errorPage(_ status: Int, title: String, details: String) -> WireResponse {
        .html(
            status,
            """

            <!doctype html>
            <html lang="en">
            <head>
              <title>\(title)</title>
            </head>
            <body>
              <h1>\(title)</h1><p>\(details)</p>
            </body>
            </html>

            """)
    }

    /// Django's `page_not_found`: any path outside CVAT's URL configuration.
    static var notFound: WireResponse {
        errorPage(404, title: "Not Found", details: "The requested resource was not found on this server.")
    }

    /// Django's `server_error`: an exception escaped the view (as in CVAT's URL-signing defect).
    static var serverError: WireResponse {
        errorPage(500, title: "Server Error (500)", details: "")
    }

    /// The HTML login page an SSO proxy redirects to.
    static var ssoLogin: WireResponse {
        var response = WireResponse.html(
            200,
            """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in</title></head>
            <body>
              <h1>Sign in to continue</h1>
              <form method="post" action="/sso/login"><button type="submit">Sign in with your identity provider</button></form>
            </body>
            </html>

            """)
        response.headers.insert(("server", NginxPages.server), at: 0)
        response.fromProxy = true
        return response
    }
}
