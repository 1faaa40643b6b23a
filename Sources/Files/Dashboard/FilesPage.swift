import Foundation
import ParleyCore

/// The content of the Files page (`/app/files`): the upload form (a plain file input that also takes a dropped
/// file, sent by `files.js` with a progress bar), and every stored file with its type, size, date and the download
/// and delete buttons.
struct FilesPage {
    var files: [FileResponses.File]
    var mayUpload: Bool
    var mayDelete: Bool
    /// The plan's cap on one upload, in MiB.
    var planUploadMB: Int
    var csrf: Node

    /// The purposes a person uploads by hand; signatures come from the signing pages.
    static let purposes: [(FilePurpose, String)] = [
        (.knowledge, "Knowledge base document (PDF, Word or text)"),
        (.attachment, "Proposal attachment (PDF, Office, image or text)"),
        (.image, "Image for the widget or proposals (PNG, JPEG, GIF or WebP)"),
    ]

    var content: Node {
        .group(.when(mayUpload, uploadSection), listSection)
    }

    private var uploadSection: Node {
        .section(
            .aria("labelledby", "upload"),
            .h2(.id("upload"), "Upload a file"),
            .noscript(
                .p(
                    .class("notice"),
                    "Uploading from this page needs JavaScript. Without it, use the API: POST /api/v1/files.")),
            .form(
                .id("upload-form"), .data("upload-url", FilesPaths.api), csrf,
                .div(
                    .class("field"),
                    .label(.for("purpose"), "What it is for"),
                    .select(
                        .id("purpose"), .name("purpose"),
                        .group(
                            Self.purposes.map { purpose, label in
                                Node.option(
                                    .value(purpose.rawValue),
                                    .text("\(label), up to \(min(planUploadMB, purpose.maxMB)) MiB"))
                            }))),
                .div(
                    .class("field drop-zone"), .id("drop-zone"),
                    .label(.for("file"), "File"),
                    .p(
                        .class("hint"), .id("file-hint"),
                        "Choose a file or drop it here. Each file is checked for its real type."),
                    .input(.id("file"), .name("file"), .type("file"), .aria("describedby", "file-hint"))),
                .p(.submitButton("Upload")),
                .progress(.id("upload-progress"), .max(100), .hidden(), .aria("label", "Upload progress")),
                .p(.id("upload-status"), .role("status"))))
    }

    private var listSection: Node {
        .section(
            .aria("labelledby", "files"),
            .h2(.id("files"), "Files"),
            files.isEmpty
                ? .p(
                    mayUpload
                        ? "No file yet. Upload the documents your assistant should answer from, or files to attach to proposals."
                        : "No file yet.")
                : .div(
                    .class("table-scroll"),
                    .table(
                        .thead(
                            .tr(
                                .th(.scope("col"), "Name"), .th(.scope("col"), "For"), .th(.scope("col"), "Type"),
                                .th(.scope("col"), "Size"), .th(.scope("col"), "Uploaded"),
                                .th(.scope("col"), .span(.class("visually-hidden"), "Actions")))),
                        .tbody(.group(files.map(row))))))
    }

    private func row(_ file: FileResponses.File) -> Node {
        .tr(
            .td(.text(file.name)), .td(.text(file.purpose)), .td(.code(.text(file.contentType))),
            .td(.text(Self.size(file.size))),
            .td(.time(.datetime(ISO8601DateFormatter().string(from: file.createdAt)), .text(Self.day(file.createdAt)))),
            .td(
                .class("row-actions"),
                .form(
                    .method("post"), .action(FilesPaths.download(file.id)), csrf,
                    .button(
                        .type("submit"), .class("button-secondary"), "Download",
                        .span(.class("visually-hidden"), .text(" " + file.name)))),
                .when(
                    mayDelete,
                    .form(
                        .method("post"), .action(FilesPaths.delete(file.id)), csrf,
                        .button(
                            .type("submit"), .class("button-secondary"), "Delete",
                            .span(.class("visually-hidden"), .text(" " + file.name)))))))
    }

    /// Bytes as KiB or MiB with one decimal.
    static func size(_ bytes: Int64) -> String {
        bytes < 1024
            ? "\(bytes) bytes"
            : bytes < 1024 * 1024
                ? String(format: "%.1f KiB", Double(bytes) / 1024)
                : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    private static func day(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }
}
