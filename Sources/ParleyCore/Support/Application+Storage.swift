import Fluent
import SQLKit
import Vapor

extension Application {
    /// What every command that touches data does first: create or check the data folder and master key, then
    /// put SQLite in WAL mode (readers and the one writer work side by side; the mode is stored in the file).
    /// `configure` does not do this, so `version` writes nothing and `check-config` can report a bad folder.
    package func prepareStorage() async throws {
        let masterKey = try DataDirectory.prepare(settings)
        self.masterKey = masterKey
        try prepareBlobs()
        if case .sqlite = settings.database, let sql = db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        for module in modules { try module.storageReady(self, masterKey: masterKey) }
    }
}
