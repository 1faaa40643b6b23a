import Foundation
import ParleyCore

/// The content of the Overview (`/app`): the workspace's use of its plan, the panels other modules add, and the
/// latest audit events for those who may read them.
enum OverviewPage {
    /// `names` maps a member's user id to their address, to say who did what.
    static func content(
        usage: [UsageReading], panels: [Node], events: [AuditEvent]?,
        names: [String: String], canInvite: Bool
    ) -> Node {
        .group(
            .p(.class("hint"), "How much of its plan this workspace uses today."),
            .ul(
                .class("figures"),
                .group(usage.map { figure($0, canInvite: canInvite) }),
                .group(panels.map { Node.li(.class("figure"), $0) })),
            events.map { recentActivity($0, names: names) } ?? .empty)
    }

    private static func figure(_ reading: UsageReading, canInvite: Bool) -> Node {
        let meter = reading.meter, used = reading.counter.used
        return .li(
            .class("figure"), .h2(.text(meter.title)),
            .p(.class("figure-value"), .text(reading.figure)),
            .usageMeter(used: used, allowed: reading.counter.allowed, label: meter.title),
            meter.limit == .seats ? seatsHint(used: used, canInvite: canInvite) : .empty,
            .when(used == 0, meter.whenUnused.map { Node.p(.text($0)) } ?? .empty))
    }

    private static func seatsHint(used: Int, canInvite: Bool) -> Node {
        .group(
            .p(.class("hint"), "Members and pending invitations each take a seat."),
            .when(
                used <= 1,
                .p(
                    canInvite
                        ? Node.group(
                            "You are the only member so far. ", .a(.href(DashboardPaths.team), "Invite your team"), ".")
                        : Node.text("Nobody else is here yet. Ask an Admin to invite your team."))))
    }

    private static func recentActivity(_ events: [AuditEvent], names: [String: String]) -> Node {
        .section(
            .aria("labelledby", "recent-activity"),
            .h2(.id("recent-activity"), "Recent activity"),
            events.isEmpty
                ? Node.p(
                    "Nothing has happened in this workspace yet. Invitations, role changes and sign-ins will appear here."
                )
                : .div(
                    .class("table-scroll"),
                    .table(
                        .thead(.tr(.th(.scope("col"), "When"), .th(.scope("col"), "What"), .th(.scope("col"), "Who"))),
                        .tbody(.group(events.map { row($0, names: names) })))))
    }

    private static func row(_ event: AuditEvent, names: [String: String]) -> Node {
        let time = ISO8601DateFormatter().string(from: event.occurredAt)
        let shown = String(time.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
        return .tr(
            .td(.time(.datetime(time), .text(shown))), .td(.code(.text(event.action))),
            .td(.text(actor(event, names: names))))
    }

    private static func actor(_ event: AuditEvent, names: [String: String]) -> String {
        if event.actorKind == "user" { return event.actorID.flatMap { names[$0.uppercased()] } ?? "a former member" }
        return event.actorKind.replacingOccurrences(of: "_", with: " ")
    }
}
