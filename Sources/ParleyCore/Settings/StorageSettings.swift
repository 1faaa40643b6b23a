import Foundation
import S3Client

/// Where files are kept and how they are encrypted and served.
package struct StorageSettings: Sendable {
    package enum Backend: String, Sendable, CaseIterable { case local, s3 }

    /// An S3-compatible bucket.
    package struct S3: Sendable {
        package var endpoint: S3Endpoint
        package var credentials: S3Credentials
        /// Bytes a multipart-upload part holds (5 MiB at least, as S3 requires).
        package var partSize: Int
    }

    package var backend: Backend
    package var s3: S3?
    /// `PARLEY_STORAGE_KEYS`; nil means the keys live in the data folder.
    package var keys: StorageKeyring?
    /// How long a signed download link works.
    package var downloadLinkSeconds: Int

    /// The local backend's folder.
    package static func localRoot(_ dataDirectory: String) -> String { dataDirectory + "/blobs" }
    /// The folder keyring's folder.
    package static func keyFolder(_ dataDirectory: String) -> String { dataDirectory + "/storage-keys" }
}

extension SettingsLoader {
    static func storageSettings(_ r: inout SettingReader) -> StorageSettings {
        let backend = r.choice("PARLEY_STORAGE_BACKEND", default: StorageSettings.Backend.local)
        let linkSeconds = r.int("PARLEY_DOWNLOAD_LINK_SECONDS", default: 300, range: 10...86_400)
        var keys: StorageKeyring?
        if let text = r.secret("PARLEY_STORAGE_KEYS") {
            switch StorageKeys.parse(text) {
            case .success(let ring): keys = ring
            case .failure(let error): error.problems.forEach { r.problem($0) }
            }
        }
        let s3 = backend == .s3 ? s3Settings(&r) : nil
        return StorageSettings(backend: backend, s3: s3, keys: keys, downloadLinkSeconds: linkSeconds)
    }

    private static func s3Settings(_ r: inout SettingReader) -> StorageSettings.S3? {
        let endpointText = r.string("PARLEY_S3_ENDPOINT", default: "https://s3.amazonaws.com")
        let region = r.string("PARLEY_S3_REGION", default: "us-east-1")
        let bucket = r.optional("PARLEY_S3_BUCKET")
        let addressing = r.oneOf("PARLEY_S3_ADDRESSING", default: "path", allowed: ["path", "virtual"])
        let partMB = r.int("PARLEY_S3_PART_SIZE_MB", default: 8, range: 5...512)
        let accessKey = r.optional("PARLEY_S3_ACCESS_KEY_ID")
        let secret = r.secret("PARLEY_S3_SECRET_ACCESS_KEY")
        guard let bucket else { r.problem("PARLEY_S3_BUCKET is required with PARLEY_STORAGE_BACKEND=s3"); return nil }
        guard let accessKey, let secret else {
            r.problem(
                "PARLEY_S3_ACCESS_KEY_ID and PARLEY_S3_SECRET_ACCESS_KEY are required with PARLEY_STORAGE_BACKEND=s3")
            return nil
        }
        guard let url = URL(string: endpointText),
            let endpoint = try? S3Endpoint(
                url: url, region: region, bucket: bucket,
                addressingStyle: addressing == "virtual" ? .virtualHosted : .path)
        else {
            r.problem(
                "PARLEY_S3_ENDPOINT must be an http(s) URL with no path, such as https://s3.eu-west-1.amazonaws.com")
            return nil
        }
        return .init(
            endpoint: endpoint, credentials: S3Credentials(accessKeyID: accessKey, secretAccessKey: secret),
            partSize: partMB * 1024 * 1024)
    }
}
