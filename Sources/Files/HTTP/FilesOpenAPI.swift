import ParleyCore
import Vapor

/// The OpenAPI description of the file endpoints.
enum FilesOpenAPI {
    static func describe(_ document: OpenAPIDocument) {
        let string: JSONValue = ["type": "string"], uuid: JSONValue = ["type": "string", "format": "uuid"]
        let time: JSONValue = ["type": "string", "format": "date-time"]
        let purpose: JSONValue = ["type": "string", "enum": .array(FilePurpose.allCases.map { .string($0.rawValue) })]
        document.addSchema(
            "File",
            OpenAPI.object(
                [
                    "id": uuid, "name": string, "purpose": purpose, "content_type": string, "size": ["type": "integer"],
                    "sha256": string, "uploaded_by": string, "created_at": time,
                ],
                required: ["id", "name", "purpose", "content_type", "size", "sha256", "uploaded_by", "created_at"]))
        document.addSchema(
            "Files", OpenAPI.object(["files": ["type": "array", "items": OpenAPI.ref("File")]], required: ["files"]))
        document.addSchema(
            "CreateLink",
            OpenAPI.object([
                "disposition": [
                    "type": ["string", "null"], "enum": ["inline", "attachment", .null],
                    "description": "null or absent: attachment, or inline where allowed.",
                ]
            ]))
        document.addSchema(
            "DownloadLink", OpenAPI.object(["url": string, "expires_at": time], required: ["url", "expires_at"]))

        let id = OpenAPI.uuidPathParameter("id")
        func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
            [
                "name": .string(name), "in": "query", "required": false, "schema": schema,
                "description": .string(description),
            ]
        }
        func op(
            _ operationID: String, _ summary: String, body: String? = nil, _ responses: [Int: (String, String?)],
            _ parameters: [JSONValue] = []
        ) -> JSONValue {
            OpenAPI.operation(
                operationID, tag: "files", summary: summary, body: body, authenticated: true, responses: responses,
                parameters: parameters)
        }
        var upload = op(
            "uploadFile",
            "Upload a file as the raw request body, with its type in Content-Type; it is checked and encrypted as it streams.",
            [201: ("Stored", "File")],
            [
                query(
                    "purpose", purpose, "What the file is for (default attachment): decides the allowed types and size."
                ),
                query("name", string, "The file name, shown to people only."),
            ])
        if case .object(var fields) = upload {
            fields["requestBody"] = [
                "required": true, "content": ["*/*": ["schema": ["type": "string", "format": "binary"]]],
            ]
            upload = .object(fields)
        }
        document.add(.POST, "/api/v1/files", upload)
        document.add(
            .GET, "/api/v1/files",
            op(
                "listFiles", "The workspace's files, newest first.", [200: ("Files", "Files")],
                [
                    query("purpose", purpose, "Only files of this purpose."),
                    query("limit", ["type": "integer", "minimum": 1, "maximum": 200], "At most this many (50)."),
                ]))
        document.add(.GET, "/api/v1/files/:id", op("getFile", "One file's metadata.", [200: ("File", "File")], [id]))
        document.add(
            .DELETE, "/api/v1/files/:id",
            op("deleteFile", "Delete a file and its encrypted object (Admin).", [204: ("Deleted", nil)], [id]))
        // The body is optional: without one the link is for an attachment download.
        var link = op(
            "createDownloadLink", "A signed download link that expires after a few minutes.", body: "CreateLink",
            [201: ("Link", "DownloadLink")], [id])
        if case .object(var fields) = link {
            fields["requestBody"] = [
                "required": false, "content": ["application/json": ["schema": OpenAPI.ref("CreateLink")]],
            ]
            link = .object(fields)
        }
        document.add(.POST, "/api/v1/files/:id/link", link)
    }
}
