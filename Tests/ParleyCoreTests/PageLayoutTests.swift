@testable import ParleyCore
import Foundation
import ParleyTestSupport
import Testing
import Vapor

/// The one layout every page shares.
@Suite struct PageLayoutTests {
    @Test func aPageRendersExactlyInTheLayout() {
        let page = Page(title: "Sign <in>", scripts: ["auth.js"], .h1("Sign in"), .p("Hello ", .strong("<Ada>")))
        let html = PageLayout.document(page, assets: AssetCatalog(directory: "/nonexistent")).render()
        #expect(
            html == """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
                <title>Sign &lt;in&gt; · Parley</title>\
                <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg">\
                <link rel="stylesheet" href="/assets/parley.css">\
                <script src="/assets/auth.js" defer></script></head>\
                <body><a class="skip-link" href="#main">Skip to content</a>\
                <header class="site-header"><div class="bar"><span class="brand">\
                <img src="/assets/logo.svg" alt="" width="28" height="28">Parley</span></div></header>\
                <main id="main" tabindex="-1"><div class="bar"><h1>Sign in</h1><p>Hello <strong>&lt;Ada&gt;</strong></p></div></main>\
                <footer class="site-footer"><div class="bar"><p>Parley runs on this organisation’s own server.</p></div></footer>\
                </body></html>
                """)
    }

    @Test func assetsAreLinkedByTheirContentVersion() throws {
        let catalog = AssetCatalog(directory: TestEnvironment.repositoryRoot + "/Public/assets")
        let css = try #require(
            FileManager.default.contents(atPath: TestEnvironment.repositoryRoot + "/Public/assets/parley.css"))
        #expect(catalog.url("parley.css") == "/assets/parley.css?v=" + AssetCatalog.version(of: css))
        #expect(catalog.url("parley.css").count == "/assets/parley.css?v=".count + 16)
        #expect(catalog.url("missing.css") == "/assets/missing.css")
    }

    @Test func aBotCheckPageWithTurnstileLoadsCloudflareAfterItsOwnScripts() {
        let page = Page(title: "Join", scripts: ["waitlist.js"], .h1("Join")).withBotCheck(turnstile: true)
        let html = PageLayout.document(page, assets: AssetCatalog(directory: "/nonexistent")).render()
        #expect(
            html.contains(
                "<script src=\"/assets/bot-check.js\" defer></script><script src=\"/assets/waitlist.js\" defer></script>"
                    + "<script src=\"https://challenges.cloudflare.com/turnstile/v0/api.js\" defer async></script></head>"
            ))
    }

    @Test func theErrorPageUsesTheLayoutAndEscapesTheMessage() {
        let error = ErrorDescription(
            Abort(.badRequest, reason: "Field 'q': <script>alert(1)</script> & more"), revealInternals: false)
        let html = PageLayout.document(
            ErrorPage.page(for: error, requestID: "id\"<x>"), assets: AssetCatalog(directory: "/nonexistent")
        ).render()
        #expect(html.contains("<title>400 Bad Request · Parley</title>"))
        #expect(
            html.contains(
                "<main id=\"main\" tabindex=\"-1\"><div class=\"bar\"><h1>400 Bad Request</h1>"
                    + "<p>Field &#39;q&#39;: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>"
                    + "<p class=\"hint\">Request id: <code>id&quot;&lt;x&gt;</code></p></div></main>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/parley.css\">"))
    }
}
