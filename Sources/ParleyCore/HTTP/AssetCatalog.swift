import Crypto
import Foundation
import Vapor

/// The content versions of the files in `$PARLEY_PUBLIC_DIR/assets`, read once at start-up. Pages link to
/// `/assets/NAME?v=VERSION`; a request that names the current version may be cached for a year, because a changed
/// file gets a new version and so a new URL.
package struct AssetCatalog: Sendable {
    /// Served asset names: lowercase letters, digits and `-`, with one of the extensions `AssetsController` knows.
    static let namePattern = #"^[a-z0-9-]+\.(js|css|svg)$"#

    private let versions: [String: String]

    package init(directory: String) {
        var versions: [String: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.range(of: Self.namePattern, options: .regularExpression) != nil {
            if let data = FileManager.default.contents(atPath: directory + "/" + name) {
                versions[name] = Self.version(of: data)
            }
        }
        self.versions = versions
    }

    /// The first 64 bits of the SHA-256 of a file's bytes, in hex: its version and its ETag.
    static func version(of data: Data) -> String {
        Array(SHA256.hash(data: data)).prefix(8).hexString
    }

    /// The URL of an asset, versioned when the file exists.
    package func url(_ name: String) -> String {
        guard let version = versions[name] else { return "/assets/" + name }
        return "/assets/\(name)?v=\(version)"
    }
}

extension Application {
    private struct AssetCatalogKey: StorageKey { typealias Value = AssetCatalog }

    /// Set by `CoreModule.register`; an application without it links to unversioned assets.
    package var assetCatalog: AssetCatalog {
        get { storage[AssetCatalogKey.self] ?? AssetCatalog(directory: "") }
        set { storage[AssetCatalogKey.self] = newValue }
    }
}
