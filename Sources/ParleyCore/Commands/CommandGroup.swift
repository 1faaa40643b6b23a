import Vapor

/// A command group that several modules add to (`parley keys rotate-jwt` from Accounts, `parley keys
/// rotate-master` from Files).
package struct CommandGroup: AsyncCommandGroup {
    package let help: String
    package var commands: [String: any AnyAsyncCommand]
}

extension Application {
    /// Adds `command` as `parley <group> <name>`, creating the group on first use.
    package func addCommand(_ command: any AnyAsyncCommand, as name: String, in group: String, help: String) {
        var existing = asyncCommands.commands[group] as? CommandGroup ?? CommandGroup(help: help, commands: [:])
        existing.commands[name] = command
        asyncCommands.use(existing, as: group)
    }
}
