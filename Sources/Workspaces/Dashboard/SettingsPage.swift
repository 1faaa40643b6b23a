import Foundation
import ParleyCore

/// The content of the Settings page (`/app/settings`): the workspace's name and address, the two-factor
/// authentication policy, the plan with what the workspace uses of it, and the data export. Each form shows only to
/// those who may use it; the others see the values.
struct SettingsPage {
    /// The workspace form as the person left it: what they typed and why it was refused.
    struct WorkspaceForm {
        var name: String
        var slug: String
        var error: FormError?
    }

    var form: WorkspaceForm
    var requireTwoFactor: Bool
    /// Why turning the policy on was refused, shown next to the box.
    var securityError: FormError?
    var planName: String
    var usage: [UsageReading]
    var mayUpdate: Bool
    var mayManageSecurity: Bool
    var mayExport: Bool
    var csrf: Node

    var content: Node {
        .group(workspaceSection, securitySection, planSection, .when(mayExport, exportSection))
    }

    private var workspaceSection: Node {
        let name = FormField("Name", name: "name", autocomplete: "organization", value: form.name, .maxlength(80))
        let slug = FormField(
            "Address", name: "slug", autocomplete: "off", value: form.slug,
            hint: "Names the workspace in links: 3 to 48 lowercase letters, digits and hyphens.", .maxlength(48))
        return .section(
            .aria("labelledby", "workspace"),
            .h2(.id("workspace"), "Workspace"),
            mayUpdate
                ? .group(
                    .errorSummary(form.error, fields: [name, slug]),
                    .form(
                        .method("post"), .action(DashboardPaths.settings), csrf,
                        .field(name, error: form.error), .field(slug, error: form.error),
                        .p(.submitButton("Save"))))
                : .dl(.dt("Name"), .dd(.text(form.name)), .dt("Address"), .dd(.text(form.slug))))
    }

    private var securitySection: Node {
        let state = requireTwoFactor ? "required" : "not required"
        return .section(
            .aria("labelledby", "security"),
            .h2(.id("security"), "Sign-in security"),
            .p(.text("Two-factor authentication is \(state) for the members of this workspace.")),
            .when(
                mayManageSecurity,
                .form(
                    .method("post"), .action(DashboardPaths.securityPolicy), csrf,
                    .div(
                        .class("checkbox"),
                        .input(
                            .id("require_two_factor"), .type("checkbox"), .name("require_two_factor"), .value("on"),
                            .when(requireTwoFactor, .checked()),
                            .aria(
                                "describedby",
                                securityError == nil
                                    ? "require_two_factor-hint" : "require_two_factor-hint require_two_factor-error"),
                            .when(securityError != nil, .aria("invalid", "true"))),
                        .label(.for("require_two_factor"), "Require two-factor authentication")),
                    .p(
                        .class("hint"), .id("require_two_factor-hint"),
                        "Members without it are asked to turn it on before they can work here. Turn it on for your own account first."
                    ),
                    securityError.map {
                        Node.p(.class("field-error"), .id("require_two_factor-error"), .text($0.message))
                    } ?? .empty,
                    .p(.submitButton("Save the policy", secondary: true)))))
    }

    private var planSection: Node {
        .section(
            .aria("labelledby", "plan"),
            .h2(.id("plan"), "Plan"),
            .p(
                .text("This workspace is on the \(planName) plan. Whoever runs this Parley installation changes plans.")
            ),
            usage.isEmpty
                ? Node.empty
                : .div(
                    .class("table-scroll"),
                    .table(
                        .thead(.tr(.th(.scope("col"), "Limit"), .th(.scope("col"), "In use"))),
                        .tbody(
                            .group(
                                usage.map { reading in
                                    .tr(
                                        .th(.scope("row"), .text(reading.meter.title)),
                                        .td(
                                            .text(reading.figure),
                                            .usageMeter(
                                                used: reading.counter.used, allowed: reading.counter.allowed,
                                                label: reading.meter.title)))
                                })))))
    }

    private var exportSection: Node {
        .section(
            .aria("labelledby", "export"),
            .h2(.id("export"), "Your data"),
            .p("Download everything this workspace holds as a ZIP of JSON files, to keep or to move elsewhere."),
            .ul(
                .li(.a(.href(DashboardPaths.export), "Download the data")),
                .li(.a(.href(DashboardPaths.exportWithFiles), "Download the data with its files"))))
    }
}
