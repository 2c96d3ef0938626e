/// Fixed HTML pages: Django's own error pages and the ones a proxy in front serves.
enum DjangoPages {
    /// Django's `page_not_found` with `DEBUG = False`.
    static var notFound: WireResponse {
        .html(404, """
        <!doctype html>
        <html lang="en">
        <head>
          <title>Not Found</title>
        </head>
        <body>
          <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
        </body>
        </html>

        """)
    }

    /// nginx's built-in error page for `status`.
    static func nginx(_ status: Int) -> WireResponse {
        let title = "\(status) \(WireResponse.reasonPhrase(status))"
        let text = "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        return WireResponse(status: status, headers: [("server", "nginx"), ("content-type", "text/html")], body: Array(text.utf8))
    }

    /// The HTML login page an SSO proxy redirects to.
    static var ssoLogin: WireResponse {
        var response = WireResponse.html(200, """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in</title></head>
        <body>
          <h1>Sign in to continue</h1>
          <form method="post" action="/sso/login"><button type="submit">Sign in with your identity provider</button></form>
        </body>
        </html>

        """)
        response.headers.insert(("server", "nginx"), at: 0)
        return response
    }
}
