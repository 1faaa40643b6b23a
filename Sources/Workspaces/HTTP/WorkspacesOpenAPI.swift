import ParleyCore
import Vapor

/// The OpenAPI description of the workspace, member, invitation, API-key and audit endpoints.
enum WorkspacesOpenAPI {
    /// `scopes`: those an API key may be given, from every module's permissions.
    static func describe(_ document: OpenAPIDocument, scopes grantable: [APIKeyScope]) {
        let string: JSONValue = ["type": "string"], uuid: JSONValue = ["type": "string", "format": "uuid"]
        let time: JSONValue = ["type": "string", "format": "date-time"],
            nullableTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        let role: JSONValue = ["type": "string", "enum": ["owner", "admin", "member"]]
        let scopes: JSONValue = [
            "type": "array", "minItems": 1,
            "items": ["type": "string", "enum": .array(grantable.map { .string($0.description) })],
        ]
        let schemas: [String: JSONValue] = [
            "Plan": OpenAPI.object(
                [
                    "id": string, "name": string, "features": ["type": "array", "items": string],
                    "limits": ["type": "object", "additionalProperties": ["type": "integer"]],
                ],
                required: ["id", "name", "features", "limits"]),
            "Workspace": OpenAPI.object(
                [
                    "id": uuid, "name": string, "slug": string, "require_two_factor": ["type": "boolean"],
                    "role": ["type": ["string", "null"]], "plan": OpenAPI.ref("Plan"), "created_at": time,
                ],
                required: ["id", "name", "slug", "require_two_factor", "plan", "created_at"]),
            "WorkspaceList": OpenAPI.object(
                [
                    "workspaces": [
                        "type": "array",
                        "items": OpenAPI.object(
                            [
                                "id": uuid, "name": string, "slug": string, "role": role, "plan": string,
                                "current": ["type": "boolean"],
                            ],
                            required: ["id", "name", "slug", "role", "plan", "current"]),
                    ]
                ], required: ["workspaces"]),
            "CreateWorkspace": OpenAPI.object(
                ["name": ["type": "string", "minLength": 1, "maxLength": 80, "pattern": "^[^\\r\\n]*\\S[^\\r\\n]*$"]],
                required: ["name"]),
            "UpdateWorkspace": OpenAPI.atLeastOne(
                of: ["name", "slug", "require_two_factor"],
                OpenAPI.object([
                    "name": [
                        "type": "string", "minLength": 1, "maxLength": 80, "pattern": "^[^\\r\\n]*\\S[^\\r\\n]*$",
                    ],
                    "slug": ["type": "string", "minLength": 3, "maxLength": 48, "pattern": "^[a-z0-9](-?[a-z0-9])+$"],
                    "require_two_factor": ["type": "boolean"],
                ])),
            "WorkspaceDeleted": OpenAPI.object(
                ["status": ["const": "deleted"], "purge_after": time], required: ["status", "purge_after"]),
            "Usage": OpenAPI.object(
                [
                    "plan": OpenAPI.ref("Plan"),
                    "counters": [
                        "type": "array",
                        "items": OpenAPI.object(
                            ["limit": string, "used": ["type": "integer"], "allowed": ["type": "integer"]],
                            required: ["limit", "used", "allowed"]),
                    ],
                ],
                required: ["plan", "counters"]),
            "Member": OpenAPI.object(
                ["user_id": uuid, "email": string, "display_name": string, "role": role, "joined_at": time],
                required: ["user_id", "email", "display_name", "role", "joined_at"]),
            "Members": OpenAPI.object(
                ["members": ["type": "array", "items": OpenAPI.ref("Member")]], required: ["members"]),
            "ChangeRole": OpenAPI.object(["role": role], required: ["role"]),
            "Invite": OpenAPI.object(
                ["email": ["type": "string", "format": "email"], "role": role], required: ["email"]),
            "Invitation": OpenAPI.object(
                ["id": uuid, "email": string, "role": role, "created_at": time, "expires_at": time],
                required: ["id", "email", "role", "created_at", "expires_at"]),
            "Invitations": OpenAPI.object(
                ["invitations": ["type": "array", "items": OpenAPI.ref("Invitation")]], required: ["invitations"]),
            "CreateDemo": OpenAPI.object(
                ["bot_check": ["type": "object", "description": "pow_nonce and pow_solution, or turnstile_token"]],
                required: ["bot_check"]),
            "AcceptInvitation": OpenAPI.object(["token": string], required: ["token"]),
            "Joined": OpenAPI.object(["workspace_id": uuid, "role": role], required: ["workspace_id", "role"]),
            "CreateAPIKey": OpenAPI.object(
                [
                    "name": [
                        "type": "string", "minLength": 1, "maxLength": 80, "pattern": "^[^\\r\\n]*\\S[^\\r\\n]*$",
                    ], "scopes": scopes,
                    "expires_in_days": ["type": "integer", "minimum": 1, "maximum": 730],
                ], required: ["name", "scopes"]),
            "APIKey": OpenAPI.object(
                [
                    "id": uuid, "name": string, "prefix": string, "scopes": scopes, "created_at": time,
                    "expires_at": nullableTime,
                    "revoked_at": nullableTime, "last_used_at": nullableTime,
                    "last_used_ip": ["type": ["string", "null"]],
                    "secret": ["type": "string", "description": "Only when the key is created; never shown again."],
                ],
                required: ["id", "name", "prefix", "scopes", "created_at"]),
            "APIKeys": OpenAPI.object(
                ["api_keys": ["type": "array", "items": OpenAPI.ref("APIKey")]], required: ["api_keys"]),
            "AuditEvents": OpenAPI.object(
                [
                    "events": [
                        "type": "array",
                        "items": OpenAPI.object(
                            [
                                "id": uuid, "occurred_at": time, "action": string, "actor": string,
                                "target": ["type": ["string", "null"]],
                                "ip": ["type": ["string", "null"]],
                                "metadata": ["type": "object", "additionalProperties": string],
                            ],
                            required: ["id", "occurred_at", "action", "actor", "metadata"]),
                    ]
                ], required: ["events"]),
        ]
        for (name, schema) in schemas { document.addSchema(name, schema) }

        func op(
            _ id: String, _ summary: String, body: String? = nil, _ responses: [Int: (String, String?)],
            _ parameters: [JSONValue] = []
        ) -> JSONValue {
            OpenAPI.operation(
                id, tag: "workspaces", summary: summary, body: body, authenticated: true, responses: responses,
                parameters: parameters)
        }
        let workspaceHeader: JSONValue = [
            "name": "X-Parley-Workspace", "in": "header", "required": false, "schema": uuid,
            "description": "The workspace to act in; without it, the one selected last.",
        ]
        let auditParameters: [(String, JSONValue, String)] = [
            (
                "actor", ["type": "string", "pattern": "^(user|api_key|system|visitor)(:[\\s\\S]*)?$"],
                "user:ID, api_key:ID, system or visitor."
            ),
            ("action", ["type": "string", "maxLength": 100], "Only this action, e.g. workspace.updated."),
            ("since", time, "Events at or after this time."), ("until", time, "Events before this time."),
            ("limit", ["type": "integer", "minimum": 1, "maximum": 1000], "At most this many (100)."),
        ]
        let auditQuery: [JSONValue] = auditParameters.map { name, schema, description in
            [
                "name": .string(name), "in": "query", "required": false, "schema": schema,
                "description": .string(description),
            ]
        }
        let operations: [(HTTPMethod, String, JSONValue)] = [
            (
                .GET, "workspaces",
                op(
                    "listWorkspaces", "The signed-in person's workspaces; the current one first.",
                    [200: ("Workspaces", "WorkspaceList")])
            ),
            (
                .POST, "workspaces",
                op(
                    "createWorkspace", "Create a workspace with yourself as Owner.", body: "CreateWorkspace",
                    [201: ("Created", "Workspace")])
            ),
            (
                .POST, "workspaces/:id/select",
                op(
                    "selectWorkspace", "Act in this workspace by default.", [204: ("Selected", nil)],
                    [OpenAPI.uuidPathParameter("id")])
            ),
            (
                .POST, "invitations/accept",
                op(
                    "acceptInvitation", "Accept an invitation mailed to your address.", body: "AcceptInvitation",
                    [200: ("Joined", "Joined")])
            ),
            (
                .GET, "workspace",
                op(
                    "getWorkspace", "The current workspace, your role and its plan.", [200: ("Workspace", "Workspace")],
                    [workspaceHeader])
            ),
            (
                .PATCH, "workspace",
                op(
                    "updateWorkspace", "Change the name, slug or 2FA policy (Admin).", body: "UpdateWorkspace",
                    [200: ("Updated", "Workspace")], [workspaceHeader])
            ),
            (
                .DELETE, "workspace",
                op(
                    "deleteWorkspace", "Delete the workspace (Owner): unreachable at once, purged later.",
                    [200: ("Deleted", "WorkspaceDeleted")], [workspaceHeader])
            ),
            (
                .GET, "workspace/export",
                OpenAPI.operation(
                    "exportWorkspace", tag: "workspaces",
                    summary:
                        "Everything the workspace holds as a ZIP of JSON files, with the stored files on request (Owner).",
                    authenticated: true, responses: [200: ("application/zip", nil)],
                    parameters: [
                        workspaceHeader,
                        [
                            "name": "files", "in": "query", "required": false,
                            "description": "include: add the stored files themselves under files/",
                            "schema": ["type": "string", "enum": ["include"]],
                        ],
                    ])
            ),
            (
                .GET, "workspace/usage",
                op("getUsage", "Each counter against its plan limit.", [200: ("Usage", "Usage")], [workspaceHeader])
            ),
            (
                .GET, "workspace/members",
                op("listMembers", "Members and their roles.", [200: ("Members", "Members")], [workspaceHeader])
            ),
            (
                .PATCH, "workspace/members/:userID",
                op(
                    "changeRole", "Change a member's role (Admin; Owner for owners).", body: "ChangeRole",
                    [200: ("Member", "Member")], [OpenAPI.uuidPathParameter("userID"), workspaceHeader])
            ),
            (
                .DELETE, "workspace/members/:userID",
                op(
                    "removeMember", "Remove a member (Admin; Owner for owners).", [204: ("Removed", nil)],
                    [OpenAPI.uuidPathParameter("userID"), workspaceHeader])
            ),
            (
                .POST, "workspace/leave",
                op(
                    "leaveWorkspace", "Leave the workspace; the last Owner cannot.", [204: ("Left", nil)],
                    [workspaceHeader])
            ),
            (
                .GET, "workspace/invitations",
                op(
                    "listInvitations", "Pending invitations (Admin).", [200: ("Invitations", "Invitations")],
                    [workspaceHeader])
            ),
            (
                .POST, "workspace/invitations",
                op(
                    "invite", "Invite by email (Admin; Owner to invite an Owner).", body: "Invite",
                    [201: ("Invited", "Invitation")], [workspaceHeader])
            ),
            (
                .DELETE, "workspace/invitations/:id",
                op(
                    "revokeInvitation", "Revoke a pending invitation.", [204: ("Revoked", nil)],
                    [OpenAPI.uuidPathParameter("id"), workspaceHeader])
            ),
            (
                .GET, "workspace/api-keys",
                op(
                    "listAPIKeys", "The workspace's API keys (Admin).", [200: ("API keys", "APIKeys")],
                    [workspaceHeader])
            ),
            (
                .POST, "workspace/api-keys",
                op(
                    "createAPIKey", "Create an API key; its secret is in this answer only.", body: "CreateAPIKey",
                    [201: ("Created", "APIKey")], [workspaceHeader])
            ),
            (
                .DELETE, "workspace/api-keys/:id",
                op(
                    "revokeAPIKey", "Revoke an API key.", [200: ("Revoked", "APIKey")],
                    [OpenAPI.uuidPathParameter("id"), workspaceHeader])
            ),
            (
                .POST, "demo",
                OpenAPI.operation(
                    "createDemo", tag: "workspaces",
                    summary:
                        "Sign in to a new demo workspace with sample data (bot check required); it is erased after a day.",
                    body: "CreateDemo", responses: [200: ("A guest session", "SignInResult")])
            ),
            (
                .GET, "audit",
                op(
                    "listAuditEvents", "The workspace's audit log (Admin), newest first.",
                    [200: ("Events", "AuditEvents")], auditQuery + [workspaceHeader])
            ),
        ]
        for (method, path, operation) in operations { document.add(method, "/api/v1/" + path, operation) }
    }
}
