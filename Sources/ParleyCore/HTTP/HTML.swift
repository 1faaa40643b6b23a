import Vapor

/// HTML text escaping for the few pages and mail bodies Parley writes without a template engine.
package enum HTML {
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension HTML {
    /// The site icon, linked from every page so browsers do not ask for a missing `/favicon.ico`.
    package static let icon = "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"

    /// A complete page: escaped title, same-origin scripts only (the CSP allows no inline script or style),
    /// never cached.
    package static func page(title: String, body: String, scripts: [String] = [], extraHead: String = "",
                             status: HTTPResponseStatus = .ok) -> Response {
        let scriptTags = scripts.map { "<script src=\"\(escape($0))\" defer></script>" }.joined()
        let page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>\(icon)
        \(scriptTags)\(extraHead)
        </head><body><main>
        \(body)
        </main></body></html>
        """
        return Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"], body: .init(string: page))
    }
}

extension HTML {
    /// A page whose form runs the bot check (`/assets/bot-check.js`). With Turnstile, Cloudflare's script and
    /// frame are allowed in; every other source stays 'self'.
    package static func botCheckPage(title: String, body: String, scripts: [String], turnstile: Bool, status: HTTPResponseStatus = .ok) -> Response {
        let cloudflare = turnstile ? "\n<script src=\"https://challenges.cloudflare.com/turnstile/v0/api.js\" async defer></script>" : ""
        let response = page(title: title, body: body, scripts: ["/assets/bot-check.js"] + scripts, extraHead: cloudflare, status: status)
        if turnstile {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: SecurityHeadersMiddleware.contentSecurityPolicy
                .replacingOccurrences(of: "script-src 'self'", with: "script-src 'self' https://challenges.cloudflare.com")
                + "; frame-src https://challenges.cloudflare.com")
        }
        return response
    }
}
