/// Limits on what a ZIP-based upload (ZIP, DOCX, XLSX, PPTX) may expand to.
///
/// A small archive can decompress to gigabytes ("zip bomb") or contain archives inside archives. These limits are
/// checked against the bytes actually produced while decompressing, never against the sizes an archive declares.
/// `maxExpandedBytes` also bounds the decompression of PDF object streams.
public struct ArchiveLimits: Sendable, Equatable {
    /// Maximum number of entries (local file headers) in one archive. Default 5,000.
    public var maxEntries: Int
    /// Maximum total of decompressed bytes, summed over every entry at every nesting level. Default 256 MiB.
    public var maxExpandedBytes: Int
    /// Maximum ratio of decompressed to compressed size for one entry. Default 100.
    public var maxRatio: Int
    /// The ratio is only checked for entries that expand past this many bytes, because tiny files (such as
    /// long runs of spaces in XML) legitimately compress very well. Default 1 MiB.
    public var ratioThreshold: Int
    /// Maximum nesting depth: the uploaded archive is depth 1, and an archive inside it would be depth 2.
    /// An archive whose depth would exceed this limit is refused. Default 1 (no nested archives).
    public var maxDepth: Int

    /// Creates limits; every parameter has a conservative default.
    public init(
        maxEntries: Int = 5_000,
        maxExpandedBytes: Int = 256 * 1024 * 1024,
        maxRatio: Int = 100,
        ratioThreshold: Int = 1024 * 1024,
        maxDepth: Int = 1
    ) {
        self.maxEntries = maxEntries
        self.maxExpandedBytes = maxExpandedBytes
        self.maxRatio = maxRatio
        self.ratioThreshold = ratioThreshold
        self.maxDepth = maxDepth
    }
}
