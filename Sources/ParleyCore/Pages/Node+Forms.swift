/// A text-like input with its label, optional hint and the error that concerns it.
package struct FormField: Sendable {
    package var label: String
    package var name: String
    /// The input's `id`: its `name`, unless two forms on one page have a field of the same name.
    package var id: String
    package var type: String
    package var autocomplete: String
    package var value: String
    package var required: Bool
    package var hint: String?
    /// Further attributes of the `<input>`: `.maxlength(254)`, `.inputmode("numeric")`.
    package var attributes: [Node]

    package init(
        _ label: String, name: String, id: String? = nil, type: String = "text", autocomplete: String,
        value: String = "", required: Bool = true, hint: String? = nil, _ attributes: Node...
    ) {
        self.label = label
        self.name = name
        self.id = id ?? name
        self.type = type
        self.autocomplete = autocomplete
        self.value = value
        self.required = required
        self.hint = hint
        self.attributes = attributes
    }
}

/// The parts of Parley's forms: label above the field, then its hint and error (both read out with the field
/// through `aria-describedby`), notices with live roles, hidden fields and the submit button.
extension Node {
    /// A labelled field with the `id` of `field`; the hint is `ID-hint`, the error `ID-error`.
    package static func field(_ field: FormField, error: FormError? = nil) -> Node {
        let hintID = field.id + "-hint", errorID = field.id + "-error"
        let problem = error?.field == field.name ? error : nil
        let describedBy = [field.hint.map { _ in hintID }, problem.map { _ in errorID }].compactMap { $0 }
        return .div(
            .class("field"),
            .label(.for(field.id), .text(field.label)),
            field.hint.map { Node.p(.class("hint"), .id(hintID), .text($0)) } ?? .empty,
            problem.map { Node.p(.class("field-error"), .id(errorID), .text(field.label + " " + $0.reason)) } ?? .empty,
            .input(
                .id(field.id), .name(field.name), .type(field.type), .autocomplete(field.autocomplete),
                .value(field.value),
                .when(field.required, .required()), .group(field.attributes),
                .when(!describedBy.isEmpty, .aria("describedby", describedBy.joined(separator: " "))),
                .when(problem != nil, .aria("invalid", "true"))))
    }

    /// The refusal at the top of a form (read out at once): a link to the field it concerns when that field is
    /// among `fields`, the whole message otherwise.
    package static func errorSummary(_ error: FormError?, fields: [FormField] = []) -> Node {
        guard let error else { return .empty }
        if let name = error.field, let field = fields.first(where: { $0.name == name }) {
            return .div(
                .class("notice notice-error"), .role("alert"),
                .p(.a(.href("#" + field.id), .text(field.label + " " + error.reason))))
        }
        return .div(.class("notice notice-error"), .role("alert"), .p(.text(error.message)))
    }

    /// A confirmation or explanation, announced politely.
    package static func statusNotice(_ text: String?) -> Node {
        guard let text else { return .empty }
        return .div(.class("notice"), .role("status"), .p(.text(text)))
    }

    /// `<input type="hidden" name=… id=… value=…>`.
    package static func hiddenInput(name: String, id: String? = nil, value: String) -> Node {
        .input(.type("hidden"), .name(name), id.map { Node.id($0) } ?? .empty, .value(value))
    }

    /// The form's main button.
    package static func submitButton(_ label: String, secondary: Bool = false) -> Node {
        .button(.type("submit"), .when(secondary, .class("button-secondary")), .text(label))
    }
}
