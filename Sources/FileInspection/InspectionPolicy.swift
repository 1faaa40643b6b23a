/// What an upload endpoint accepts: which types, how large, and how strict to be about active content.
///
/// One policy is typically defined per endpoint (for example "avatars: PNG, JPEG, WEBP up to 5 MiB") and shared by
/// every `FileInspector` created for that endpoint.
public struct InspectionPolicy: Sendable {
    /// Types that may be uploaded. Anything else is refused with `InspectionError.typeNotAllowed`.
    public var allowedTypes: Set<DetectedType>
    /// Maximum file size in bytes. The inspector refuses as soon as the stream goes past it.
    public var maxBytes: Int
    /// Refuse PDFs that can run code or carry other files: names `/JavaScript`, `/JS`, `/Launch`, `/EmbeddedFile`,
    /// `/EmbeddedFiles`, `/RichMedia`, `/XFA` (XML forms can carry scripts), `/SubmitForm`, `/ImportData` and `/GoToE`,
    /// including inside compressed object streams. Names are also looked for inside strings and comments, and the
    /// longer ones inside stream data, because a cross-reference table can make a reader parse those bytes as objects.
    /// Default `true`.
    public var forbidPDFActiveContent: Bool
    /// Limits for ZIP-based files and for decompressed PDF object streams.
    public var archive: ArchiveLimits
    /// Maximum width × height declared by an image header (a "pixel bomb" decodes to gigabytes). Default 50 million.
    public var maxImagePixels: Int

    /// Creates a policy. `allowedTypes` and `maxBytes` have no defaults because they differ for every endpoint.
    public init(
        allowedTypes: Set<DetectedType>,
        maxBytes: Int,
        forbidPDFActiveContent: Bool = true,
        archive: ArchiveLimits = ArchiveLimits(),
        maxImagePixels: Int = 50_000_000
    ) {
        self.allowedTypes = allowedTypes
        self.maxBytes = maxBytes
        self.forbidPDFActiveContent = forbidPDFActiveContent
        self.archive = archive
        self.maxImagePixels = maxImagePixels
    }
}
