@testable import ParleyCore
import Testing

/// The page builder: text and attribute values come out inert whatever they hold, and URLs are limited to
/// relative references and http(s).
@Suite struct HTMLBuilderTests {
    static let hostileText: [(String, String)] = [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("\"quoted\" and 'single'", "&quot;quoted&quot; and &#39;single&#39;"),
        ("&lt;already escaped&gt;", "&amp;lt;already escaped&amp;gt;"),
        ("</p><img src=x onerror=alert(1)>", "&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("nul\u{0}byte", "nul\u{FFFD}byte"),
        ("Zoë 日本 👋🏽", "Zoë 日本 👋🏽"),
    ]

    @Test(arguments: hostileText)
    func textIsEscaped(_ input: String, _ expected: String) {
        #expect(Node.p(.text(input)).render() == "<p>\(expected)</p>")
        // Interpolated into a literal, the value is text all the same.
        #expect(Node.p("Hello \(input)").render() == "<p>Hello \(expected)</p>")
    }

    @Test(arguments: hostileText)
    func attributeValuesAreEscapedAndQuoted(_ input: String, _ expected: String) {
        #expect(Node.input(.name("q"), .value(input)).render() == "<input name=\"q\" value=\"\(expected)\">")
    }

    @Test func anAttributeValueCannotCloseItsQuoteOrAddAnAttribute() {
        let html = Node.div(.class("x\" onmouseover=\"alert(1)"), .id("a' b")).render()
        #expect(html == "<div class=\"x&quot; onmouseover=&quot;alert(1)\" id=\"a&#39; b\"></div>")
        #expect(!html.contains("\" onmouseover"))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{1}javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "//evil.example/path", "/\\evil.example", "https:evil.example", "mailto:ada@example.com",
    ])
    func unsafeURLsAreRefused(_ url: String) {
        #expect(Node.a(.href(url), "x").render() == "<a href=\"#\">x</a>")
        #expect(Node.form(.action(url)).render() == "<form action=\"#\"></form>")
        #expect(Node.img(.src(url)).render() == "<img src=\"#\">")
    }

    @Test(arguments: [
        ("/sign-in?return_to=%2Faccount", "/sign-in?return_to=%2Faccount"),
        ("/a?x=1&y=2", "/a?x=1&amp;y=2"),
        ("#main", "#main"),
        ("?page=2", "?page=2"),
        ("sign-up", "sign-up"),
        ("/path/with:colon", "/path/with:colon"),
        (
            "https://challenges.cloudflare.com/turnstile/v0/api.js",
            "https://challenges.cloudflare.com/turnstile/v0/api.js"
        ),
        ("HTTP://example.com/", "HTTP://example.com/"),
        // The `&` is escaped, so the browser reads the characters as written: a relative path and a fragment.
        ("&#106;avascript:alert(1)", "&amp;#106;avascript:alert(1)"),
    ])
    func relativeAndHTTPURLsAreKept(_ url: String, _ rendered: String) {
        #expect(Node.a(.href(url), "x").render() == "<a href=\"\(rendered)\">x</a>")
    }

    @Test func attributesRenderInOrderBeforeContentAndVoidElementsHaveNoEndTag() {
        let html = Node.form(
            .method("post"), .action("/sign-up"), .data("bot-check", "sign-up"),
            .label(.for("email"), "Email"),
            .input(.id("email"), .name("email"), .type("email"), .required(), .group(.maxlength(254))),
            .when(false, .p("absent"))
        ).render()
        #expect(
            html
                == "<form method=\"post\" action=\"/sign-up\" data-bot-check=\"sign-up\"><label for=\"email\">Email</label>"
                + "<input id=\"email\" name=\"email\" type=\"email\" required maxlength=\"254\"></form>")
    }

    @Test func scriptsAreLoadedNeverInline() {
        #expect(Node.script(src: "/assets/auth.js").render() == "<script src=\"/assets/auth.js\" defer></script>")
        #expect(Node.script(src: "javascript:alert(1)").render() == "<script src=\"#\" defer></script>")
    }

    @Test func trustedMarkupIsTheOnlyWayInForRawMarkup() {
        #expect(Node.p(Unsafe.trustedMarkup("<br>")).render() == "<p><br></p>")
        #expect(Node.p("<br>").render() == "<p>&lt;br&gt;</p>")
    }

    @Test func aFieldShowsItsErrorNextToItAndDescribesItself() {
        let field = FormField(
            "Password", name: "password", type: "password", autocomplete: "new-password", hint: "12 to 128 characters.")
        let error = FormError(
            CoreError.invalidField(name: "password", reason: "is one of the <most> commonly used passwords."))
        #expect(
            Node.field(field, error: error).render() == """
                <div class="field"><label for="password">Password</label>\
                <p class="hint" id="password-hint">12 to 128 characters.</p>\
                <p class="field-error" id="password-error">Password is one of the &lt;most&gt; commonly used passwords.</p>\
                <input id="password" name="password" type="password" autocomplete="new-password" value="" required \
                aria-describedby="password-hint password-error" aria-invalid="true"></div>
                """)
        #expect(
            Node.errorSummary(error, fields: [field]).render()
                == "<div class=\"notice notice-error\" role=\"alert\"><p><a href=\"#password\">Password is one of the &lt;most&gt; commonly used passwords.</a></p></div>"
        )
        // An error about another field leaves this one alone and is shown whole.
        let other = FormError(CoreError.invalidField(name: "email", reason: "must be an email address."))
        #expect(!Node.field(field, error: other).render().contains("field-error"))
        #expect(
            Node.errorSummary(other, fields: [field]).render().contains(
                "Field &#39;email&#39;: must be an email address."))
    }
}
