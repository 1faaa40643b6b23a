/// Reasons a `ZipWriter` refuses an entry or a call.
public enum ZipWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The entry name is the empty string.
    case emptyName
    /// The entry name starts with `/` or a drive letter such as `C:`.
    case absolutePath(String)
    /// The entry name has a `..` path segment.
    case parentDirectorySegment(String)
    /// The entry name contains a backslash; ZIP paths use `/` only.
    case backslash(String)
    /// The entry name contains a NUL character.
    case nulCharacter(String)
    /// The entry name ends with `/`, which marks a directory rather than a file.
    case directoryName(String)
    /// An entry with this name was already added.
    case duplicateName(String)
    /// The entry name is longer than 65,535 bytes in UTF-8.
    case nameTooLong(String)
    /// `finish()` has already been called.
    case alreadyFinished
    /// An earlier write or content producer threw, so the archive is incomplete.
    case previousWriteFailed
    /// A file started with `beginFile` has not been closed with `endFile`.
    case fileStillOpen
    /// `write` or `endFile` was called with no file started by `beginFile`.
    case noOpenFile

    public var description: String {
        switch self {
        case .emptyName: "ZIP entry name is empty"
        case .absolutePath(let name): "ZIP entry name is an absolute path: \(name.debugDescription)"
        case .parentDirectorySegment(let name): "ZIP entry name contains a '..' segment: \(name.debugDescription)"
        case .backslash(let name): "ZIP entry name contains a backslash: \(name.debugDescription)"
        case .nulCharacter(let name): "ZIP entry name contains a NUL character: \(name.debugDescription)"
        case .directoryName(let name): "ZIP entry name ends with '/': \(name.debugDescription)"
        case .duplicateName(let name): "ZIP entry name is already in the archive: \(name.debugDescription)"
        case .nameTooLong(let name): "ZIP entry name exceeds 65535 UTF-8 bytes: \(name.prefix(40))…"
        case .alreadyFinished: "The ZIP archive is already finished"
        case .previousWriteFailed: "An earlier write failed; the ZIP archive is incomplete"
        case .fileStillOpen: "A ZIP entry is still open: close it with endFile() first"
        case .noOpenFile: "No ZIP entry is open: start one with beginFile(path:modified:)"
        }
    }
}
