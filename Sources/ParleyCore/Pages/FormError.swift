/// Why a form was refused, and the field it concerns when the refusal names one (`CoreError.invalidField`).
package struct FormError: Sendable, Equatable {
    /// The field's `name`, when the refusal names a field.
    package var field: String?
    /// The reason, to follow the field's label (`must be 12 to 128 characters long.`); for a refusal that names no
    /// field, the whole message.
    package var reason: String
    /// The whole message, for a refusal about a field the form does not show.
    package var message: String

    package init(_ error: any AppError) {
        if let core = error as? CoreError, case .invalidField(let name, let reason) = core {
            self.init(field: name, reason: reason, message: core.reason)
        } else {
            self.init(field: nil, reason: error.reason, message: error.reason)
        }
    }

    package init(field: String?, reason: String, message: String) {
        self.field = field
        self.reason = reason
        self.message = message
    }

    /// A refusal that names no field.
    package init(_ message: String) {
        self.init(field: nil, reason: message, message: message)
    }
}
