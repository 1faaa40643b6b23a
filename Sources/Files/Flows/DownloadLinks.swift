import Crypto
import Foundation
import ParleyCore

/// How a download is presented: in the browser (images and PDFs only) or saved as a file.
enum DownloadDisposition: String, Sendable, Codable, CaseIterable {
    case inline, attachment

    /// Only types a browser shows without running anything may be inline; everything else is an attachment.
    static func allowed(_ requested: DownloadDisposition?, for contentType: String) -> DownloadDisposition {
        guard requested == .inline, contentType.hasPrefix("image/") || contentType == "application/pdf" else {
            return .attachment
        }
        return .inline
    }
}

/// Signed, expiring download links: `/files/<workspace>/<file>?expires=…&disposition=…&signature=…`.
///
/// The signature is an HMAC-SHA256, under a key derived from the master key, over the method, workspace, file,
/// expiry and disposition, so a link cannot be stretched, pointed at another file or workspace, or switched from
/// attachment to inline. It is checked in constant time.
struct DownloadLinks: Sendable {
    let key: SymmetricKey
    let publicURL: URL
    let lifetime: TimeInterval

    init(masterKey: MasterKey, publicURL: URL, lifetimeSeconds: Int) {
        key = masterKey.derivedKey("file-download-links")
        self.publicURL = publicURL
        lifetime = TimeInterval(lifetimeSeconds)
    }

    struct Link: Sendable {
        var url: String
        var expiresAt: Date
    }

    func link(workspaceID: UUID, fileID: UUID, disposition: DownloadDisposition, now: Date) -> Link {
        let expires = Int(now.addingTimeInterval(lifetime).timeIntervalSince1970.rounded(.up))
        let signature = sign(workspaceID: workspaceID, fileID: fileID, expires: expires, disposition: disposition)
        let base =
            publicURL.absoluteString.hasSuffix("/")
            ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
        let path = "/files/\(workspaceID.uuidString.lowercased())/\(fileID.uuidString.lowercased())"
        return Link(
            url: "\(base)\(path)?expires=\(expires)&disposition=\(disposition.rawValue)&signature=\(signature)",
            expiresAt: Date(timeIntervalSince1970: TimeInterval(expires)))
    }

    /// Whether the link's parts carry a valid, unexpired signature.
    func verify(
        workspaceID: UUID, fileID: UUID, expires: Int, disposition: DownloadDisposition, signature: String, now: Date
    ) -> Bool {
        let expected = sign(workspaceID: workspaceID, fileID: fileID, expires: expires, disposition: disposition)
        let matches = constantTimeEquals(expected, signature)
        return matches && TimeInterval(expires) > now.timeIntervalSince1970
    }

    private func sign(workspaceID: UUID, fileID: UUID, expires: Int, disposition: DownloadDisposition) -> String {
        let message =
            "GET\n\(workspaceID.uuidString.lowercased())\n\(fileID.uuidString.lowercased())\n\(expires)\n\(disposition.rawValue)"
        return Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)).base64URLEncodedString
    }
}
