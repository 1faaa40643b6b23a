import Foundation
import ParleyCore
import Vapor

/// The content of the audit log page (`/app/audit`): a filter form that works without script (a GET), the events
/// newest first with who did what to which target, a link to older events, and the same events as CSV.
struct AuditPage {
    /// The filter as the person set it, in the page's own terms (dates, an actor kind).
    struct Filter {
        var action = ""
        var actor = ""
        var since = ""
        var until = ""
        var error: FormError?

        init() {}

        /// The filter in the request's query; a missing field is empty.
        init(_ request: Request) {
            action = request.query[String.self, at: "action"] ?? ""
            actor = request.query[String.self, at: "actor"] ?? ""
            since = request.query[String.self, at: "since"] ?? ""
            until = request.query[String.self, at: "until"] ?? ""
        }

        /// The query string for these filters plus `extra` (e.g. the cursor of the next page).
        func query(_ extra: [(String, String)] = []) -> String {
            let pairs =
                [("action", action), ("actor", actor), ("since", since), ("until", until)].filter { !$0.1.isEmpty }
                + extra
            guard !pairs.isEmpty else { return "" }
            return "?"
                + pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
        }
    }

    static let actors = [
        ("", "Anyone"), ("user", "People"), ("api_key", "API keys"), ("system", "Parley"), ("visitor", "Visitors"),
    ]

    var events: [WorkspaceResponses.AuditEventInfo]
    /// Member emails by user id, to name the people who acted.
    var names: [String: String]
    /// The `before` cursor of the next (older) page, when there is one.
    var older: String?
    var filter: Filter

    var content: Node {
        let action = FormField(
            "Action", name: "action", autocomplete: "off", value: filter.action, required: false,
            hint: "Exact, e.g. member.invited.", .maxlength(100))
        let since = FormField(
            "From", name: "since", type: "date", autocomplete: "off", value: filter.since, required: false)
        let until = FormField(
            "To", name: "until", type: "date", autocomplete: "off", value: filter.until, required: false)
        return .group(
            .errorSummary(filter.error, fields: [action, since, until]),
            .form(
                .method("get"), .action(DashboardPaths.audit), .class("filters"),
                .field(action, error: filter.error),
                .div(
                    .class("field"), .label(.for("actor"), "Done by"),
                    .select(
                        .id("actor"), .name("actor"),
                        .group(
                            Self.actors.map {
                                Node.option(.value($0.0), .when($0.0 == filter.actor, .selected()), .text($0.1))
                            }))),
                .field(since, error: filter.error), .field(until, error: filter.error),
                .p(.submitButton("Show"), " ", .a(.href(DashboardPaths.audit), "Clear"))),
            events.isEmpty
                ? .p(
                    "No event matches. Everything people, API keys and Parley itself do in this workspace is recorded here."
                )
                : .group(
                    .div(
                        .class("table-scroll"),
                        .table(
                            .thead(
                                .tr(
                                    .th(.scope("col"), "When (UTC)"), .th(.scope("col"), "Who"),
                                    .th(.scope("col"), "Action"),
                                    .th(.scope("col"), "Target"), .th(.scope("col"), "IP address"))),
                            .tbody(.group(events.map(row))))),
                    .p(
                        older.map {
                            Node.a(.href(DashboardPaths.audit + filter.query([("before", $0)])), "Older events")
                        } ?? .empty,
                        older == nil ? .empty : " · ",
                        .a(.href(DashboardPaths.auditCSV + filter.query()), "Download as CSV"))))
    }

    private func row(_ event: WorkspaceResponses.AuditEventInfo) -> Node {
        let when = ISO8601DateFormatter().string(from: event.occurredAt)
        return .tr(
            .td(
                .time(
                    .datetime(when),
                    .text(when.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")))),
            .td(.text(who(event.actor))), .td(.code(.text(event.action))), .td(.text(event.target ?? "")),
            .td(.text(event.ip ?? "")))
    }

    private func who(_ actor: String) -> String {
        if actor.hasPrefix("user:"), let email = names[String(actor.dropFirst(5))] { return email }
        return actor
    }
}
