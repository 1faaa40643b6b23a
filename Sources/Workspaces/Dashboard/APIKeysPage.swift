import Foundation
import ParleyCore

/// The content of the API keys page (`/app/api-keys`): the creation form (name, scopes, expiry) for those who may
/// manage keys, a new key's secret shown the one time it exists, and every key with its scopes, dates and state.
struct APIKeysPage {
    /// The creation form as the person left it: what they typed and why it was refused.
    struct CreateForm {
        var name = ""
        var scopes: Set<String> = []
        var expiresInDays = ""
        var error: FormError?
    }

    var keys: [WorkspaceResponses.APIKeyInfo]
    var grantable: [APIKeyScope]
    var mayManage: Bool
    /// The plan's name when it does not include API access.
    var planWithoutAPI: String?
    var created: WorkspaceResponses.APIKeyInfo?
    var now: Date
    var csrf: Node
    var form = CreateForm()

    var content: Node {
        .group(
            created.map(newKey) ?? .empty,
            planWithoutAPI.map {
                Node.p(
                    .class("notice"),
                    .text("The \($0) plan does not include API access. Keys can be listed and revoked, not used."))
            } ?? .empty,
            .when(mayManage && planWithoutAPI == nil, createForm),
            .section(
                .aria("labelledby", "keys"),
                .h2(.id("keys"), "Keys"),
                keys.isEmpty
                    ? .p(
                        "No API key yet. Create one to let your own tools use Parley's API, with only the scopes they need."
                    )
                    : .div(
                        .class("table-scroll"),
                        .table(
                            .thead(
                                .tr(
                                    .th(.scope("col"), "Name"), .th(.scope("col"), "Key"), .th(.scope("col"), "Scopes"),
                                    .th(.scope("col"), "Created"), .th(.scope("col"), "Expires"),
                                    .th(.scope("col"), "Last used"), .th(.scope("col"), "State"),
                                    .th(.scope("col"), .span(.class("visually-hidden"), "Actions")))),
                            .tbody(.group(keys.map(row)))))))
    }

    private func newKey(_ key: WorkspaceResponses.APIKeyInfo) -> Node {
        .section(
            .class("notice notice-success"), .aria("labelledby", "new-key"),
            .h2(.id("new-key"), .text("The key \(key.name) is ready")),
            .p(
                "Copy its secret now and keep it somewhere safe: Parley shows it only this once, and stores only a hash."
            ),
            .div(
                .class("field"),
                .label(.for("new-key-secret"), "Secret"),
                .input(
                    .id("new-key-secret"), .type("text"), .readonly(), .value(key.secret ?? ""),
                    .autocomplete("off"), .data("copy", "secret"))))
    }

    private var createForm: Node {
        let name = FormField(
            "Name", name: "name", autocomplete: "off", value: form.name, hint: "What uses the key, e.g. “CRM sync”.",
            .maxlength(80))
        let expiry = FormField(
            "Expires after (days)", name: "expires_in_days", type: "number", autocomplete: "off",
            value: form.expiresInDays, required: false,
            hint: "1 to 730. Leave it empty for a key that does not expire.",
            .min(1), .max(730), .inputmode("numeric"))
        let scopesProblem = form.error?.field == "scopes" ? form.error : nil
        return .section(
            .aria("labelledby", "create"),
            .h2(.id("create"), "Create a key"),
            .errorSummary(
                form.error, fields: [name, expiry, FormField("Scopes", name: "scopes", autocomplete: "off")]),
            .form(
                .method("post"), .action(DashboardPaths.apiKeys), csrf,
                .field(name, error: form.error),
                .fieldset(
                    .id("scopes"), .class("field"),
                    .when(scopesProblem != nil, .aria("describedby", "scopes-error")),
                    .legend("Scopes"),
                    scopesProblem.map {
                        Node.p(.class("field-error"), .id("scopes-error"), .text("Scopes " + $0.reason))
                    }
                        ?? .empty,
                    .group(grantable.map(scopeBox))),
                .field(expiry, error: form.error),
                .p(.submitButton("Create the key"))))
    }

    private func scopeBox(_ scope: APIKeyScope) -> Node {
        let id = "scope-" + scope.description.replacingOccurrences(of: ":", with: "-")
        return .div(
            .class("checkbox"),
            .input(
                .id(id), .type("checkbox"), .name("scopes[]"), .value(scope.description),
                .when(form.scopes.contains(scope.description), .checked())),
            .label(.for(id), .code(.text(scope.description))))
    }

    private func row(_ key: WorkspaceResponses.APIKeyInfo) -> Node {
        let state =
            key.revokedAt != nil ? "Revoked" : key.expiresAt.map { $0 <= now } == true ? "Expired" : "Active"
        return .tr(
            .td(.text(key.name)), .td(.code(.text(key.prefix + "…"))),
            .td(.text(key.scopes.joined(separator: ", "))),
            .td(Self.day(key.createdAt)), .td(key.expiresAt.map(Self.day) ?? .text("Never")),
            .td(key.lastUsedAt.map(Self.day) ?? .text("Not yet")), .td(.text(state)),
            .td(
                .when(
                    mayManage && state == "Active",
                    .form(
                        .method("post"), .action(DashboardPaths.revokeAPIKey(key.id)), csrf,
                        .button(
                            .type("submit"), .class("button-secondary"), "Revoke",
                            .span(.class("visually-hidden"), .text(" the key \(key.name)")))))))
    }

    private static func day(_ date: Date) -> Node {
        let text = ISO8601DateFormatter().string(from: date)
        return .time(.datetime(text), .text(String(text.prefix(10))))
    }
}
