import Foundation
import Vapor

extension Application {
    private struct BlobsKey: StorageKey { typealias Value = EncryptedBlobStore }

    /// The encrypted file store, built by `prepareStorage()` from the settings.
    package var blobs: EncryptedBlobStore {
        get throws {
            guard let blobs = storage[BlobsKey.self] else {
                throw BlobStoreError.backend("the blob store is not prepared")
            }
            return blobs
        }
    }

    /// Builds the configured backend and keyring (creating the data folder's key on first run).
    func prepareBlobs() throws {
        let settings = settings
        let keys: StorageKeys
        if let ring = settings.storage.keys {
            keys = StorageKeys(configured: ring)
        } else {
            let folder = StorageSettings.keyFolder(settings.dataDirectory)
            try StorageKeyFolder.prepare(folder, now: clock.now())
            keys = StorageKeys(folder: folder)
        }
        let backend: any BlobBackend =
            switch (settings.storage.backend, settings.storage.s3) {
            case (.s3, let s3?):
                S3BlobBackend(endpoint: s3.endpoint, credentials: s3.credentials, partSize: s3.partSize)
            default: LocalBlobBackend(root: StorageSettings.localRoot(settings.dataDirectory), pool: threadPool)
            }
        storage[BlobsKey.self] = EncryptedBlobStore(backend: backend, keys: keys)
    }
}
