/// A mail's content: a subject, a plain-text body and an HTML body written from the same parts, so the two
/// never drift apart. Every interpolated value in the HTML is escaped (`HTMLEscaping`, the page builder's own
/// escaping; mail keeps hand-written markup because mail clients need the inline styles pages may not have).
package struct MailTemplate: Sendable, Equatable {
    package struct Action: Sendable, Equatable {
        package var label: String
        package var url: String
        package init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    /// A stable name recorded in the outbox, e.g. `account.verify-email`.
    package var name: String
    package var subject: String
    package var greeting: String?
    package var paragraphs: [String]
    package var action: Action?
    package var footer: String

    package init(
        name: String, subject: String, greeting: String? = nil, paragraphs: [String], action: Action? = nil,
        footer: String = "You received this email because of an action on Parley. If it wasn't you, ignore it."
    ) {
        self.name = name
        self.subject = subject
        self.greeting = greeting
        self.paragraphs = paragraphs
        self.action = action
        self.footer = footer
    }

    package var textBody: String {
        var blocks: [String] = []
        if let greeting { blocks.append(greeting) }
        blocks += paragraphs
        if let action { blocks.append("\(action.label):\n\(action.url)") }
        blocks.append("-- \n\(footer)")
        return blocks.joined(separator: "\n\n") + "\n"
    }

    package var htmlBody: String {
        var body = ""
        if let greeting { body += "<p>\(HTMLEscaping.escaped(greeting))</p>\n" }
        for paragraph in paragraphs { body += "<p>\(HTMLEscaping.escaped(paragraph))</p>\n" }
        if let action {
            body +=
                "<p><a href=\"\(HTMLEscaping.escaped(action.url))\" style=\"display:inline-block;padding:10px 18px;background:#1f4fd1;color:#ffffff;text-decoration:none;border-radius:6px\">\(HTMLEscaping.escaped(action.label))</a></p>\n"
            body +=
                "<p style=\"font-size:13px;color:#555555\">Or copy this link: \(HTMLEscaping.escaped(action.url))</p>\n"
        }
        return """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>\(HTMLEscaping.escaped(subject))</title></head>
            <body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;color:#1a1a1a;max-width:560px">
            \(body)<hr style="border:none;border-top:1px solid #dddddd">
            <p style="font-size:12px;color:#777777">\(HTMLEscaping.escaped(footer))</p>
            </body></html>

            """
    }
}

extension MailTemplate {
    /// The message `parley mail test` sends to check the mail set-up.
    package static func configurationTest(publicURL: String) -> MailTemplate {
        MailTemplate(
            name: "system.mail-test", subject: "Parley mail test",
            paragraphs: ["This message confirms that Parley can send email with the current settings."],
            action: .init(label: "Open Parley", url: publicURL))
    }
}
