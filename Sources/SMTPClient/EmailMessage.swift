import Foundation

/// An email with a plain-text body and an optional HTML alternative.
public struct EmailMessage: Sendable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    public var date: Date
    /// The `Message-ID` without angle brackets, e.g. `3f2a…@parley.example`.
    public var messageID: String
    /// Further headers such as `Auto-Submitted`; names and values are checked like the others.
    public var extraHeaders: [(name: String, value: String)]

    public init(
        from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String, textBody: String,
        htmlBody: String? = nil, date: Date, messageID: String, extraHeaders: [(name: String, value: String)] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.date = date
        self.messageID = messageID
        self.extraHeaders = extraHeaders
    }
}
