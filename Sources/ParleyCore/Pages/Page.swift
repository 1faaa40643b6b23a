import Vapor

/// One HTML page: its title, the content of its `<main>`, the same-origin scripts it loads and its status.
/// `Request.render(_:)` puts it in the one layout (`PageLayout`) and answers with it.
package struct Page: Sendable {
    /// Whether the page's form runs the bot check, and which kind (see `BotCheck`).
    package enum BotCheckScripts: Sendable { case proofOfWork, turnstile }

    package var title: String
    package var content: [Node]
    /// Asset names in `Public/assets`, e.g. `auth.js`; loaded with `defer`, in this order.
    package var scripts: [String]
    package var botCheck: BotCheckScripts?
    package var status: HTTPResponseStatus

    package init(title: String, scripts: [String] = [], status: HTTPResponseStatus = .ok, _ content: Node...) {
        self.init(title: title, scripts: scripts, status: status, content: content)
    }

    package init(title: String, scripts: [String] = [], status: HTTPResponseStatus = .ok, content: [Node]) {
        self.title = title
        self.content = content
        self.scripts = scripts
        self.status = status
    }

    /// The page with the bot check's scripts: `bot-check.js` first, and Cloudflare's with Turnstile.
    package func withBotCheck(turnstile: Bool) -> Page {
        var page = self
        page.botCheck = turnstile ? .turnstile : .proofOfWork
        page.scripts = ["bot-check.js"] + scripts
        return page
    }
}

extension Request {
    /// The page in the layout, never cached. With Turnstile, Cloudflare's script and frame are allowed in; every
    /// other source stays 'self'.
    package func render(_ page: Page) -> Response {
        let html = PageLayout.document(page, assets: application.assetCatalog).render()
        var headers: HTTPHeaders = ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"]
        if page.botCheck == .turnstile {
            headers.add(
                name: "Content-Security-Policy",
                value: SecurityHeadersMiddleware.contentSecurityPolicy
                    .replacingOccurrences(
                        of: "script-src 'self'", with: "script-src 'self' https://challenges.cloudflare.com")
                    + "; frame-src https://challenges.cloudflare.com")
        }
        return Response(status: page.status, headers: headers, body: .init(string: html))
    }
}
