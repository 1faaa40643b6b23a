import Fluent
import Foundation
import ParleyCore
import Vapor
import Workspaces

/// Encrypted file storage: validated, streamed uploads; signed, expiring downloads; storage master key rotation.
package enum FilesModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateFiles()  // 0017 files, their lookups, and upload and storage limits on every plan
        ]
    }

    package static let dependencies: [any ParleyModule.Type] = [CoreModule.self, WorkspacesModule.self]
    package static let permissions = Permission.files
    package static let tenantTables = [
        TenantTable("files", export: .file("files.json"), purge: .deleted)
    ]

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        FilesController.register(routes)
        DownloadController.register(routes)
        FilesPageController.register(app, routes)
        FilesOpenAPI.describe(app.openAPI)
        app.workspaceExporters.append(FileExport.exporter)
        app.workspaceAttachmentSources.append(FileExport.attachments(blobs: { [unowned app] in try app.blobs }))
        app.usageMeters.append(
            UsageMeter(
                limit: .storageMB, title: "Storage", unit: "MiB",
                whenUnused: "No files are stored yet. Upload documents on the Files page."
            ) { tenant, _ in
                let bytes = try await FileLibrary.storedBytes(tenant)
                return (bytes + 1024 * 1024 - 1) / (1024 * 1024)
            })
        app.workspacePurgeHandlers.append { [unowned app] tenant in
            let keys = try await FileLibrary.removeAll(tenant)
            return {
                guard let blobs = try? app.blobs else { return }
                for key in keys { try? await blobs.delete(key) }
            }
        }
        app.addCommand(RotateMasterKey(), as: "rotate-master", in: "keys", help: "Rotate and inspect keys.")
        app.addCommand(MasterKeyStatus(), as: "master-status", in: "keys", help: "Rotate and inspect keys.")
        app.addCommand(GenerateMasterKey(), as: "generate-master", in: "keys", help: "Rotate and inspect keys.")
        app.asyncCommands.use(FilesCommand(), as: "files")
    }
}

/// `parley files bench-storage`.
struct FilesCommand: AsyncCommandGroup {
    var help: String { "Stored files." }
    var commands: [String: any AnyAsyncCommand] { ["bench-storage": StorageBenchCommand()] }
}
