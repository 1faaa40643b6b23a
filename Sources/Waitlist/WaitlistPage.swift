import ParleyCore
import Vapor

/// The waitlist's pages. The form posts JSON through `waitlist.js`, which shows the answer in `#waitlist-status`.
enum WaitlistPage {

    static func form(_ request: Request) -> Response {
        let turnstile = request.application.settings.turnstile != nil
        let fields = [
            FormField("Email", name: "email", type: "email", autocomplete: "email", .maxlength(254)),
            FormField("Name", name: "name", autocomplete: "name", .maxlength(100)),
            FormField("Company", name: "company", autocomplete: "organization", required: false, .maxlength(100)),
        ]
        return request.render(
            Page(
                title: "Join the beta", scripts: ["waitlist.js"],
                .h1("Join the Parley beta"),
                .p(
                    "Parley answers your website's visitors and closes deals with signed proposals. Leave your address and we'll invite you."
                ),
                .form(
                    .id("waitlist-form"), .method("post"), .action("/api/v1/waitlist"),
                    .group(fields.map { Node.field($0) }),
                    .div(
                        .class("field field-check"),
                        .input(.id("consent"), .type("checkbox"), .name("consent"), .required()),
                        .label(.for("consent"), "I agree that Parley may email me about the beta.")),
                    turnstile
                        ? .div(.id("bot-check"))
                        : .p(.class("hint"), "Submitting runs a short check in your browser to keep robots out."),
                    .p(.submitButton("Join the waitlist")),
                    .p(.id("waitlist-status"), .role("status")))
            ).withBotCheck(turnstile: turnstile))
    }

    /// The token is filled in from the link's fragment by `auth.js`, as on the account pages.
    static func confirmButton(_ request: Request) -> Response {
        request.render(
            Page(
                title: "Confirm your place", scripts: ["auth.js"],
                .h1("Confirm your place"),
                .form(
                    .method("post"), .action("/waitlist/confirm"),
                    .hiddenInput(name: "token", id: "link-token", value: ""),
                    .p(.submitButton("Confirm my email address")))))
    }

    static func message(_ request: Request, _ title: String, _ text: String, status: HTTPResponseStatus = .ok)
        -> Response
    {
        request.render(Page(title: title, status: status, .h1(.text(title)), .p(.text(text))))
    }
}
