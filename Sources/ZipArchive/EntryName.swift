import Foundation

/// Checks entry names before they are written.
enum EntryName {
    /// Returns the UTF-8 bytes of `name`, or throws if it is not a safe relative file path.
    static func validatedBytes(_ name: String) throws(ZipWriterError) -> Data {
        if name.isEmpty { throw .emptyName }
        if name.utf8.contains(0) { throw .nulCharacter(name) }
        if name.contains("\\") { throw .backslash(name) }
        if name.hasPrefix("/") || hasDriveLetter(name) { throw .absolutePath(name) }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            throw .parentDirectorySegment(name)
        }
        if name.hasSuffix("/") { throw .directoryName(name) }
        let bytes = Data(name.utf8)
        if bytes.count > Int(UInt16.max) { throw .nameTooLong(name) }
        return bytes
    }

    /// True for names such as `C:` or `c:file` that start with a drive letter.
    private static func hasDriveLetter(_ name: String) -> Bool {
        let bytes = Array(name.utf8.prefix(2))
        guard bytes.count == 2, bytes[1] == UInt8(ascii: ":") else { return false }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[0] & 0xDF)
    }
}
