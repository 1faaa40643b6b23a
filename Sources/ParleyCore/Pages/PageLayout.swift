/// The frame every Parley page shares: head (charset, viewport, title, icon, the one stylesheet, deferred
/// same-origin scripts), a skip link to `<main id="main">`, a header with the logo mark, the page's content and a
/// footer. Nothing inline: the Content-Security-Policy allows no inline script or style.
package enum PageLayout {
    static let turnstileScript = "https://challenges.cloudflare.com/turnstile/v0/api.js"

    package static func document(_ page: Page, assets: AssetCatalog) -> Node {
        .document(
            .lang("en"),
            .head(
                .meta(.charset("utf-8")),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(page.title + " · Parley"),
                .link(.rel("icon"), .type("image/svg+xml"), .href(assets.url("favicon.svg"))),
                .link(.rel("stylesheet"), .href(assets.url("parley.css"))),
                .group(page.scripts.map { Node.script(src: assets.url($0)) }),
                .when(page.botCheck == .turnstile, .script(src: turnstileScript, async: true))),
            .body(
                .a(.class("skip-link"), .href("#main"), "Skip to content"),
                .header(
                    .class("site-header"),
                    .div(
                        .class("bar"),
                        .span(
                            .class("brand"), .img(.src(assets.url("logo.svg")), .alt(""), .width(28), .height(28)),
                            "Parley"))),
                .main(.id("main"), .tabindex(-1), .div(.class("bar"), .group(page.content))),
                .footer(
                    .class("site-footer"),
                    .div(.class("bar"), .p("Parley runs on this organisation’s own server.")))))
    }
}
