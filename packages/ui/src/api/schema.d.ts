/**
 * The management API's types, generated from the server's OpenAPI document (/api/openapi.json).
 * Do not edit: run `npm run generate -w @vexil/ui` after changing a route's schema.
 */

export interface paths {
    "/api/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            expiresAt: string | null;
                            /** @description The token’s prefix and last characters, to recognise it */
                            hint: string;
                            id: string;
                            /** @description `service` (automation; owners only; `vx_svc_…`) or `personal` (acts for the member creating it, within their roles; `vx_pat_…`) */
                            kind: "service" | "personal";
                            lastUsedAt: string | null;
                            memberId: string | null;
                            name: string;
                            revokedAt: string | null;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token; the response carries it once, as `token` */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "CI deploys",
                     *       "kind": "service",
                     *       "roles": [
                     *         {
                     *           "role": "editor",
                     *           "project": "default"
                     *         }
                     *       ],
                     *       "expiresAt": "2030-01-01T00:00:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the token stops working; default never
                         */
                        expiresAt?: string;
                        /** @description `service` (automation; owners only; `vx_svc_…`) or `personal` (acts for the member creating it, within their roles; `vx_pat_…`) */
                        kind?: "service" | "personal";
                        name: string;
                        roles: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            environment?: string;
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            project?: string;
                            role: "owner" | "admin" | "editor" | "viewer";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            expiresAt: string | null;
                            /** @description The token’s prefix and last characters, to recognise it */
                            hint: string;
                            id: string;
                            /** @description `service` (automation; owners only; `vx_svc_…`) or `personal` (acts for the member creating it, within their roles; `vx_pat_…`) */
                            kind: "service" | "personal";
                            lastUsedAt: string | null;
                            memberId: string | null;
                            name: string;
                            revokedAt: string | null;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                            /** @description The token, shown this once */
                            token: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first (who changed what, when, before and after) */
        get: {
            parameters: {
                query?: {
                    /** @description An action (flag.state.updated), or every action of a resource type with `.*` (flag.*) */
                    action?: string;
                    /** @description An actor’s id or name */
                    actor?: string;
                    /** @description The `next` of the previous page */
                    before?: number;
                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                    environment?: string;
                    /** @description ISO 8601 date-time with a time zone, e.g. 2026-11-22T00:00:00Z */
                    from?: string;
                    /** @description Entries per page (default 50) */
                    limit?: number;
                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                    project?: string;
                    /** @description The resource’s key (or id, for SDK keys and API tokens) */
                    resource?: string;
                    /** @description e.g. flag, segment, sdk-key, api-token, environment, project */
                    resourceType?: string;
                    /** @description ISO 8601 date-time with a time zone, e.g. 2026-11-22T00:00:00Z */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newest first */
                            entries: {
                                /** @description e.g. flag.created, flag.state.updated, segment.deleted, sdk-key.rotated */
                                action: string;
                                actor: {
                                    id: string;
                                    name: string;
                                    /** @description api-token, admin-token or member */
                                    type: string;
                                };
                                /** @description The resource after the change (null when deleted) */
                                after: unknown;
                                /** @description The resource before the change (null when created) */
                                before: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                environment: string | null;
                                id: number;
                                project: string | null;
                                resource: {
                                    key: string;
                                    type: string;
                                };
                            }[];
                            /** @description Pass as `before` for the next page; null on the last page */
                            next: number | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation and sign in: a new address chooses its password, one that already has an account gives its password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "token": "vx_inv_7Jw2kQ9cXb4mRtY8nLp3sVd6Hq1zFe5o",
                     *       "name": "Linus",
                     *       "password": "a long passphrase of my own"
                     *     }
                     */
                    "application/json": {
                        name: string;
                        /** @description At least 12 characters */
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send it back in the X-CSRF-Token header with every change made with the session cookie */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            member: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** @description Whether the account can sign in with a password (single sign-on-only accounts cannot) */
                                hasPassword: boolean;
                                /** @description The membership: the same person has another id in each organisation */
                                id: string;
                                /** @description How this organisation names the member */
                                name: string;
                                roles: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    environment?: string;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    project?: string;
                                    role: "owner" | "admin" | "editor" | "viewer";
                                }[];
                            };
                            /** @description The organisation the session is in */
                            organization: {
                                key: string;
                                name: string;
                            };
                            /** @description Every organisation the account belongs to; switch with POST /api/v1/auth/organization */
                            organizations: {
                                key: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many attempts: wait the Retry-After seconds */
                429: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "email": "grace@example.com",
                     *       "password": "correct horse battery staple"
                     *     }
                     */
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send it back in the X-CSRF-Token header with every change made with the session cookie */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            member: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** @description Whether the account can sign in with a password (single sign-on-only accounts cannot) */
                                hasPassword: boolean;
                                /** @description The membership: the same person has another id in each organisation */
                                id: string;
                                /** @description How this organisation names the member */
                                name: string;
                                roles: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    environment?: string;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    project?: string;
                                    role: "owner" | "admin" | "editor" | "viewer";
                                }[];
                            };
                            /** @description The organisation the session is in */
                            organization: {
                                key: string;
                                name: string;
                            };
                            /** @description Every organisation the account belongs to; switch with POST /api/v1/auth/organization */
                            organizations: {
                                key: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many attempts: wait the Retry-After seconds */
                429: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "retry-after"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears its cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start single sign-on: redirects to the identity provider */
        get: {
            parameters: {
                query?: {
                    /** @description A path on this server to land on after sign-in (`/projects/default`); anything else is ignored */
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect to the identity provider */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An upstream service (the identity provider) failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finish single sign-on: the identity provider redirects here; sets the session cookie and redirects into the console */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    error?: string;
                    error_description?: string;
                    iss?: string;
                    state?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect to returnTo, or / */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description An upstream service (the identity provider) failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch the session to another organisation the account belongs to (404 for any other); the next sign-in lands there too */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "organization": "acme"
                     *     }
                     */
                    "application/json": {
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        organization: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send it back in the X-CSRF-Token header with every change made with the session cookie */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            member: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** @description Whether the account can sign in with a password (single sign-on-only accounts cannot) */
                                hasPassword: boolean;
                                /** @description The membership: the same person has another id in each organisation */
                                id: string;
                                /** @description How this organisation names the member */
                                name: string;
                                roles: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    environment?: string;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    project?: string;
                                    role: "owner" | "admin" | "editor" | "viewer";
                                }[];
                            };
                            /** @description The organisation the session is in */
                            organization: {
                                key: string;
                                name: string;
                            };
                            /** @description Every organisation the account belongs to; switch with POST /api/v1/auth/organization */
                            organizations: {
                                key: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; your other sessions end */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "currentPassword": "correct horse battery staple",
                     *       "newPassword": "a longer passphrase, still mine"
                     *     }
                     */
                    "application/json": {
                        currentPassword: string;
                        /** @description At least 12 characters */
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console’s memory for the signed-in member: last project and environment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The environment of that project they last worked in */
                            environment: string | null;
                            /** @description The project the member last worked in */
                            project: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Remember the last project and environment for the signed-in member (fields left out become null) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "project": "default",
                     *       "environment": "production"
                     *     }
                     */
                    "application/json": {
                        /** @description An environment key of that project, or null */
                        environment?: string | null;
                        /** @description A project key, or null */
                        project?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The environment of that project they last worked in */
                            environment: string | null;
                            /** @description The project the member last worked in */
                            project: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How one can sign in here: password, and single sign-on when configured */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Single sign-on, when configured */
                            oidc: {
                                /** @description Label of the sign-in button */
                                name: string;
                            } | null;
                            /** @description Email and password sign-in (POST /api/v1/auth/login) */
                            password: boolean;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in member, the organisation the session is in and the others the account belongs to, with the CSRF token to send with changes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send it back in the X-CSRF-Token header with every change made with the session cookie */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            member: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** @description Whether the account can sign in with a password (single sign-on-only accounts cannot) */
                                hasPassword: boolean;
                                /** @description The membership: the same person has another id in each organisation */
                                id: string;
                                /** @description How this organisation names the member */
                                name: string;
                                roles: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    environment?: string;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    project?: string;
                                    role: "owner" | "admin" | "editor" | "viewer";
                                }[];
                            };
                            /** @description The organisation the session is in */
                            organization: {
                                key: string;
                                name: string;
                            };
                            /** @description Every organisation the account belongs to; switch with POST /api/v1/auth/organization */
                            organizations: {
                                key: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations still open */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            invitedBy: string;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Invite someone by email; the response carries the single-use link once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "email": "linus@example.com",
                     *       "roles": [
                     *         {
                     *           "role": "editor",
                     *           "project": "default"
                     *         }
                     *       ],
                     *       "expiresInHours": 72
                     *     }
                     */
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @description How long the link works; default 168 (7 days) */
                        expiresInHours?: number;
                        roles: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            environment?: string;
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            project?: string;
                            role: "owner" | "admin" | "editor" | "viewer";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            invitedBy: string;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                            /** @description The single-use secret, shown this once */
                            token: string;
                            /** @description The link to send to the invited person */
                            url: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an open invitation */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation’s members */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** @description The membership: the same person has another id in each organisation */
                            id: string;
                            /** @description How this organisation names the member */
                            name: string;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a member with a first password (invitations let people choose their own) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "email": "grace@example.com",
                     *       "name": "Grace Hopper",
                     *       "password": "correct horse battery staple",
                     *       "roles": [
                     *         {
                     *           "role": "editor",
                     *           "project": "default"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        /** @description At least 12 characters */
                        password: string;
                        roles: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            environment?: string;
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            project?: string;
                            role: "owner" | "admin" | "editor" | "viewer";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** @description The membership: the same person has another id in each organisation */
                            id: string;
                            /** @description How this organisation names the member */
                            name: string;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One member */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** @description The membership: the same person has another id in each organisation */
                            id: string;
                            /** @description How this organisation names the member */
                            name: string;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a member, with their sessions and personal tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a member or replace their roles */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "roles": [
                     *         {
                     *           "role": "editor",
                     *           "project": "default"
                     *         },
                     *         {
                     *           "role": "viewer",
                     *           "project": "default",
                     *           "environment": "production"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        name?: string;
                        roles?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            environment?: string;
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            project?: string;
                            role: "owner" | "admin" | "editor" | "viewer";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** @description The membership: the same person has another id in each organisation */
                            id: string;
                            /** @description How this organisation names the member */
                            name: string;
                            roles: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                environment?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                project?: string;
                                role: "owner" | "admin" | "editor" | "viewer";
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation of the caller */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename the organisation */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Acme Corporation"
                     *     }
                     */
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            environments: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                                critical: boolean;
                                key: string;
                                name: string;
                                position: number;
                                /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                                revision: number;
                            }[];
                            key: string;
                            name: string;
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a project (with development, staging and production unless environments are given) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "key": "mobile-app",
                     *       "name": "Mobile app",
                     *       "description": "Flags of the iOS and Android apps"
                     *     }
                     */
                    "application/json": {
                        description?: string;
                        environments?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            key: string;
                            name?: string;
                        }[];
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        key: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            environments: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                                critical: boolean;
                                key: string;
                                name: string;
                                position: number;
                                /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                                revision: number;
                            }[];
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            environments: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                                critical: boolean;
                                key: string;
                                name: string;
                                position: number;
                                /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                                revision: number;
                            }[];
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a project and everything in it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename or describe a project */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Mobile app",
                     *       "description": "Flags of the iOS and Android apps, and of their backend"
                     *     }
                     */
                    "application/json": {
                        description?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            environments: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                                critical: boolean;
                                key: string;
                                name: string;
                                position: number;
                                /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                                revision: number;
                            }[];
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List environments in order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                            critical: boolean;
                            key: string;
                            name: string;
                            position: number;
                            /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                            revision: number;
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an environment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "key": "qa",
                     *       "name": "QA",
                     *       "position": 1,
                     *       "critical": false
                     *     }
                     */
                    "application/json": {
                        /** @description Ask for confirmation before changes here (default: true for "production", else false) */
                        critical?: boolean;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        key: string;
                        name?: string;
                        /** @description Place in the project’s order, from 0 */
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                            critical: boolean;
                            key: string;
                            name: string;
                            position: number;
                            /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                            revision: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an environment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                            critical: boolean;
                            key: string;
                            name: string;
                            position: number;
                            /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                            revision: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an environment with its flag states and SDK keys */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename or move an environment, or mark it critical */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Production (EU)",
                     *       "critical": true
                     *     }
                     */
                    "application/json": {
                        /** @description Ask for confirmation before changes here (default: true for "production", else false) */
                        critical?: boolean;
                        name?: string;
                        /** @description Place in the project’s order, from 0 */
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                            critical: boolean;
                            key: string;
                            name: string;
                            position: number;
                            /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                            revision: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}/import/eppo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import an Eppo flag configuration (UFC) into an environment: creates or updates its flags, all or nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            /** @description An Eppo UFC document (flag configuration), as Eppo’s API serves it to server SDKs */
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "format": "SERVER",
                     *       "environment": {
                     *         "name": "Production"
                     *       },
                     *       "flags": {
                     *         "checkout-button-color": {
                     *           "key": "checkout-button-color",
                     *           "enabled": true,
                     *           "variationType": "STRING",
                     *           "variations": {
                     *             "blue": {
                     *               "key": "blue",
                     *               "value": "#0055ff"
                     *             },
                     *             "green": {
                     *               "key": "green",
                     *               "value": "#00aa55"
                     *             }
                     *           },
                     *           "allocations": [
                     *             {
                     *               "key": "north-america-experiment",
                     *               "rules": [
                     *                 {
                     *                   "conditions": [
                     *                     {
                     *                       "attribute": "country",
                     *                       "operator": "ONE_OF",
                     *                       "value": [
                     *                         "US",
                     *                         "CA"
                     *                       ]
                     *                     }
                     *                   ]
                     *                 }
                     *               ],
                     *               "splits": [
                     *                 {
                     *                   "variationKey": "blue",
                     *                   "shards": [
                     *                     {
                     *                       "salt": "checkout-button-color",
                     *                       "ranges": [
                     *                         {
                     *                           "start": 0,
                     *                           "end": 5000
                     *                         }
                     *                       ]
                     *                     }
                     *                   ]
                     *                 },
                     *                 {
                     *                   "variationKey": "green",
                     *                   "shards": [
                     *                     {
                     *                       "salt": "checkout-button-color",
                     *                       "ranges": [
                     *                         {
                     *                           "start": 5000,
                     *                           "end": 10000
                     *                         }
                     *                       ]
                     *                     }
                     *                   ]
                     *                 }
                     *               ],
                     *               "doLog": true
                     *             }
                     *           ],
                     *           "totalShards": 10000
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        createdAt?: string;
                        environment?: {
                            name: string;
                        };
                        flags: {
                            [key: string]: {
                                allocations: {
                                    doLog?: boolean;
                                    endAt?: string;
                                    key: string;
                                    rules?: {
                                        conditions: {
                                            attribute: string;
                                            operator: "ONE_OF" | "NOT_ONE_OF" | "MATCHES" | "NOT_MATCHES" | "IS_NULL" | "GT" | "GTE" | "LT" | "LTE";
                                            value: unknown;
                                        }[];
                                    }[];
                                    splits: {
                                        shards: {
                                            ranges: {
                                                end: number;
                                                start: number;
                                            }[];
                                            salt: string;
                                        }[];
                                        variationKey: string;
                                    }[];
                                    startAt?: string;
                                }[];
                                enabled: boolean;
                                key: string;
                                totalShards: number;
                                variations: {
                                    [key: string]: {
                                        key: string;
                                        value: unknown;
                                    };
                                };
                                variationType: "BOOLEAN" | "INTEGER" | "NUMERIC" | "STRING" | "JSON";
                            };
                        };
                        /** @description SERVER; the obfuscated CLIENT format cannot be imported */
                        format?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Flag keys, in the document’s order */
                            created: string[];
                            /** @description Already as imported: nothing written for them */
                            unchanged: string[];
                            updated: string[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (10240 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}/sdk-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an environment’s SDK keys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Set by rotation: the key works until then */
                            expiresAt: string | null;
                            /** @description The key’s prefix and last characters, to recognise it */
                            hint: string;
                            id: string;
                            /** @description Client keys only: they are public */
                            key?: string;
                            /** @description server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only */
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                            status: "active" | "expiring" | "expired" | "revoked";
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an SDK key; the response carries the key (a server key, only this once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Checkout service",
                     *       "kind": "server"
                     *     }
                     */
                    "application/json": {
                        /** @description server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only */
                        kind: "server" | "client";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Set by rotation: the key works until then */
                            expiresAt: string | null;
                            /** @description The key’s prefix and last characters, to recognise it */
                            hint: string;
                            id: string;
                            /** @description The key; for a server key, the only time it is shown */
                            key: string;
                            /** @description server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only */
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                            status: "active" | "expiring" | "expired" | "revoked";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an SDK key now */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    id: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename an SDK key */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    id: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Checkout service (EU)"
                     *     }
                     */
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Set by rotation: the key works until then */
                            expiresAt: string | null;
                            /** @description The key’s prefix and last characters, to recognise it */
                            hint: string;
                            id: string;
                            /** @description Client keys only: they are public */
                            key?: string;
                            /** @description server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only */
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                            status: "active" | "expiring" | "expired" | "revoked";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace an SDK key with a new one; the old one works for a grace period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    id: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "graceSeconds": 3600
                     *     }
                     */
                    "application/json": {
                        /** @description How long the old key keeps working (default 86400 s; 0 revokes it now) */
                        graceSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Set by rotation: the key works until then */
                            expiresAt: string | null;
                            /** @description The key’s prefix and last characters, to recognise it */
                            hint: string;
                            id: string;
                            /** @description The new key */
                            key: string;
                            /** @description server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only */
                            kind: "server" | "client";
                            name: string;
                            /** @description The key it replaces, as it now is */
                            previous: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Set by rotation: the key works until then */
                                expiresAt: string | null;
                                /** @description The key’s prefix and last characters, to recognise it */
                                hint: string;
                                id: string;
                                /** @description server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only */
                                kind: "server" | "client";
                                name: string;
                                revokedAt: string | null;
                                status: "active" | "expiring" | "expired" | "revoked";
                            };
                            revokedAt: string | null;
                            status: "active" | "expiring" | "expired" | "revoked";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contexts SDKs reported in an environment, last seen first */
        get: {
            parameters: {
                query?: {
                    /** @description Only contexts of this kind (user, organization, …) */
                    kind?: string;
                    /** @description Users per page (default 50) */
                    limit?: number;
                    /** @description Users to skip (at most 1,000,000,000) */
                    offset?: number;
                    /** @description Part of the key, of an attribute (name or value) or of a private attribute’s name, any case */
                    q?: string;
                };
                header?: never;
                path: {
                    environment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Users matching, on every page */
                            total: number;
                            users: {
                                /** @description As last reported; private attributes are never stored */
                                attributes: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                firstSeen: string;
                                key: string;
                                kind: string;
                                /** Format: date-time */
                                lastSeen: string;
                                /** @description The names of the attributes an SDK marked private (`/`-paths for nested ones), sorted: their values were never stored */
                                privateAttributes: string[];
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/{environment}/users/{kind}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user, with every flag’s value for them and why */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    key: string;
                    kind: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description As last reported; private attributes are never stored */
                            attributes: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            firstSeen: string;
                            flags: {
                                key: string;
                                name?: string;
                                result: {
                                    allocation?: string;
                                    errorCode?: string;
                                    errorMessage?: string;
                                    /** @description DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, STATIC, ERROR, PREREQUISITE_FAILED or TRAFFIC_EXCLUDED */
                                    reason: string;
                                    track?: boolean;
                                    value?: unknown;
                                    variation?: string;
                                };
                                /** @description The engine’s trace: switch, prerequisites, targets, each allocation with the clauses it checked, fallthrough */
                                steps: unknown[];
                                type: string;
                            }[];
                            key: string;
                            kind: string;
                            /** Format: date-time */
                            lastSeen: string;
                            /** @description The names of the attributes an SDK marked private (`/`-paths for nested ones), sorted: their values were never stored */
                            privateAttributes: string[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/environments/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Reorder environments */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "order": [
                     *         "development",
                     *         "qa",
                     *         "staging",
                     *         "production"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        order: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Changes here deserve a confirmation in the console (production is critical by default) */
                            critical: boolean;
                            key: string;
                            name: string;
                            position: number;
                            /** @description Bumped by every change SDKs see; the ETag of its ruleset */
                            revision: number;
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List experiments
         * @description Only those in environments the caller may read.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations: string[];
                            controlVariation: string;
                            /** Format: date-time */
                            createdAt: string;
                            environment: string;
                            flag: string;
                            guardrailMetrics: string[];
                            hypothesis: string | null;
                            key: string;
                            minimumDetectableEffect: number | null;
                            name: string;
                            plannedSubjectsPerVariation: number;
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            shippedVariation: string | null;
                            startedAt: string | null;
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an experiment (a draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "key": "checkout-redesign",
                     *       "name": "One-page checkout",
                     *       "hypothesis": "The one-page checkout lifts completed checkouts by at least 5 % without hurting revenue",
                     *       "flag": "new-checkout",
                     *       "environment": "development",
                     *       "allocations": [
                     *         "beta-rollout"
                     *       ],
                     *       "controlVariation": "off",
                     *       "primaryMetric": "checkout",
                     *       "secondaryMetrics": [],
                     *       "guardrailMetrics": [],
                     *       "minimumDetectableEffect": 0.05
                     *     }
                     */
                    "application/json": {
                        /** @description Ids of the allocations of the flag’s state in that environment whose traffic it compares */
                        allocations: string[];
                        /** @description The variation the others are compared with */
                        controlVariation: string;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        environment: string;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        flag: string;
                        /** @description Keys of metrics that must not get worse */
                        guardrailMetrics?: string[];
                        hypothesis?: string | null;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        key: string;
                        /** @description Planned relative effect to detect (0.05 = +5 %); planning only */
                        minimumDetectableEffect?: number | null;
                        name?: string;
                        /** @description Subjects per variation where the always-valid interval is tightest (default 10,000); fixed once the experiment runs */
                        plannedSubjectsPerVariation?: number;
                        /** @description Key of the metric the decision rests on */
                        primaryMetric: string;
                        /** @description Keys of metrics also reported */
                        secondaryMetrics?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations: string[];
                            controlVariation: string;
                            /** Format: date-time */
                            createdAt: string;
                            environment: string;
                            flag: string;
                            guardrailMetrics: string[];
                            hypothesis: string | null;
                            key: string;
                            minimumDetectableEffect: number | null;
                            name: string;
                            plannedSubjectsPerVariation: number;
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            shippedVariation: string | null;
                            startedAt: string | null;
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/experiments/{experiment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an experiment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations: string[];
                            controlVariation: string;
                            /** Format: date-time */
                            createdAt: string;
                            environment: string;
                            flag: string;
                            guardrailMetrics: string[];
                            hypothesis: string | null;
                            key: string;
                            minimumDetectableEffect: number | null;
                            name: string;
                            plannedSubjectsPerVariation: number;
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            shippedVariation: string | null;
                            startedAt: string | null;
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a draft experiment */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change some fields of a draft experiment */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "hypothesis": "Completed checkouts rise by 5 % or more",
                     *       "minimumDetectableEffect": 0.05
                     *     }
                     */
                    "application/json": {
                        /** @description Ids of the allocations of the flag’s state in that environment whose traffic it compares */
                        allocations?: string[];
                        /** @description The variation the others are compared with */
                        controlVariation?: string;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        environment?: string;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        flag?: string;
                        /** @description Keys of metrics that must not get worse */
                        guardrailMetrics?: string[];
                        hypothesis?: string | null;
                        /** @description Planned relative effect to detect (0.05 = +5 %); planning only */
                        minimumDetectableEffect?: number | null;
                        name?: string;
                        /** @description Subjects per variation where the always-valid interval is tightest (default 10,000); fixed once the experiment runs */
                        plannedSubjectsPerVariation?: number;
                        /** @description Key of the metric the decision rests on */
                        primaryMetric?: string;
                        /** @description Keys of metrics also reported */
                        secondaryMetrics?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations: string[];
                            controlVariation: string;
                            /** Format: date-time */
                            createdAt: string;
                            environment: string;
                            flag: string;
                            guardrailMetrics: string[];
                            hypothesis: string | null;
                            key: string;
                            minimumDetectableEffect: number | null;
                            name: string;
                            plannedSubjectsPerVariation: number;
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            shippedVariation: string | null;
                            startedAt: string | null;
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/experiments/{experiment}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Results of an experiment, per metric and variation
         * @description Subjects, conversions or mean, lift against control with its 95 % and always-valid intervals, p-value, chance to beat control, CUPED, the sample-ratio check, the primary metric over time, and why there is no data when there is none.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "experiment": "checkout-redesign",
                         *       "status": "running",
                         *       "flag": "new-checkout",
                         *       "environment": "production",
                         *       "controlVariation": "off",
                         *       "from": "2026-11-13T09:00:00.000Z",
                         *       "to": "2026-11-23T09:00:00.000Z",
                         *       "exposures": {
                         *         "subjects": 20000,
                         *         "excludedMultipleVariations": 37,
                         *         "variations": [
                         *           {
                         *             "variation": "off",
                         *             "subjects": 10000
                         *           },
                         *           {
                         *             "variation": "on",
                         *             "subjects": 10000
                         *           }
                         *         ]
                         *       },
                         *       "sampleRatio": {
                         *         "variations": [
                         *           "off",
                         *           "on"
                         *         ],
                         *         "weights": [
                         *           0.5,
                         *           0.5
                         *         ],
                         *         "observed": [
                         *           10000,
                         *           10000
                         *         ],
                         *         "expected": [
                         *           10000,
                         *           10000
                         *         ],
                         *         "chiSquare": 0,
                         *         "pValue": 1,
                         *         "mismatch": false,
                         *         "threshold": 0.001
                         *       },
                         *       "metrics": [
                         *         {
                         *           "metric": "checkout",
                         *           "role": "primary",
                         *           "kind": "conversion",
                         *           "direction": "higher",
                         *           "cap": null,
                         *           "cuped": {
                         *             "theta": 0.2171,
                         *             "correlation": 0.1949,
                         *             "varianceReduction": 0.03799,
                         *             "covariateMean": 0.0825
                         *           },
                         *           "variations": [
                         *             {
                         *               "variation": "off",
                         *               "subjects": 10000,
                         *               "conversions": 1000,
                         *               "mean": 0.1,
                         *               "variance": 0.09,
                         *               "standardError": 0.003,
                         *               "isControl": true,
                         *               "comparison": null,
                         *               "cuped": {
                         *                 "subjects": 10000,
                         *                 "mean": 0.1001,
                         *                 "variance": 0.08669,
                         *                 "standardError": 0.002944,
                         *                 "comparison": null
                         *               },
                         *               "summary": {
                         *                 "subjects": 10000,
                         *                 "conversions": 1000,
                         *                 "pre": {
                         *                   "sum": 820,
                         *                   "sumSquares": 820,
                         *                   "crossSum": 240
                         *                 }
                         *               }
                         *             },
                         *             {
                         *               "variation": "on",
                         *               "subjects": 10000,
                         *               "conversions": 1100,
                         *               "mean": 0.11,
                         *               "variance": 0.0979,
                         *               "standardError": 0.003129,
                         *               "isControl": false,
                         *               "comparison": {
                         *                 "lift": 0.1,
                         *                 "standardError": 0.04548,
                         *                 "interval": {
                         *                   "lower": 0.01087,
                         *                   "upper": 0.1891
                         *                 },
                         *                 "pValue": 0.02788,
                         *                 "difference": {
                         *                   "estimate": 0.01,
                         *                   "standardError": 0.004335,
                         *                   "interval": {
                         *                     "lower": 0.001504,
                         *                     "upper": 0.0185
                         *                   }
                         *                 },
                         *                 "sequential": {
                         *                   "interval": {
                         *                     "lower": -0.03802,
                         *                     "upper": 0.238
                         *                   },
                         *                   "pValue": 0.3517
                         *                 },
                         *                 "chanceToBeatControl": 0.9895
                         *               },
                         *               "cuped": {
                         *                 "subjects": 10000,
                         *                 "mean": 0.1099,
                         *                 "variance": 0.09408,
                         *                 "standardError": 0.003067,
                         *                 "comparison": {
                         *                   "lift": 0.09772,
                         *                   "standardError": 0.04451,
                         *                   "interval": {
                         *                     "lower": 0.01049,
                         *                     "upper": 0.185
                         *                   },
                         *                   "pValue": 0.02812,
                         *                   "difference": {
                         *                     "estimate": 0.009783,
                         *                     "standardError": 0.004252,
                         *                     "interval": {
                         *                       "lower": 0.00145,
                         *                       "upper": 0.01812
                         *                     }
                         *                   },
                         *                   "sequential": {
                         *                     "interval": {
                         *                       "lower": -0.03737,
                         *                       "upper": 0.2328
                         *                     },
                         *                     "pValue": 0.354
                         *                   },
                         *                   "chanceToBeatControl": 0.9893
                         *                 }
                         *               },
                         *               "summary": {
                         *                 "subjects": 10000,
                         *                 "conversions": 1100,
                         *                 "pre": {
                         *                   "sum": 830,
                         *                   "sumSquares": 830,
                         *                   "crossSum": 262
                         *                 }
                         *               }
                         *             }
                         *           ]
                         *         }
                         *       ],
                         *       "overTime": [
                         *         {
                         *           "date": "2026-11-17",
                         *           "variations": [
                         *             {
                         *               "variation": "off",
                         *               "subjects": 4980,
                         *               "mean": 0.09839,
                         *               "lift": null,
                         *               "interval": null,
                         *               "sequentialInterval": null
                         *             },
                         *             {
                         *               "variation": "on",
                         *               "subjects": 5020,
                         *               "mean": 0.1098,
                         *               "lift": 0.1155,
                         *               "interval": {
                         *                 "lower": -0.013,
                         *                 "upper": 0.2441
                         *               },
                         *               "sequentialInterval": {
                         *                 "lower": -0.08636,
                         *                 "upper": 0.3174
                         *               }
                         *             }
                         *           ]
                         *         },
                         *         {
                         *           "date": "2026-11-22",
                         *           "variations": [
                         *             {
                         *               "variation": "off",
                         *               "subjects": 10000,
                         *               "mean": 0.1,
                         *               "lift": null,
                         *               "interval": null,
                         *               "sequentialInterval": null
                         *             },
                         *             {
                         *               "variation": "on",
                         *               "subjects": 10000,
                         *               "mean": 0.11,
                         *               "lift": 0.1,
                         *               "interval": {
                         *                 "lower": 0.01087,
                         *                 "upper": 0.1891
                         *               },
                         *               "sequentialInterval": {
                         *                 "lower": -0.03802,
                         *                 "upper": 0.238
                         *               }
                         *             }
                         *           ]
                         *         }
                         *       ],
                         *       "diagnosis": []
                         *     }
                         */
                        "application/json": {
                            controlVariation: string;
                            /** @description Why there is no (or not enough) data; empty when nothing is wrong */
                            diagnosis: {
                                code: string;
                                message: string;
                                metric?: string;
                            }[];
                            environment: string;
                            experiment: string;
                            exposures: {
                                /** @description Subjects exposed to more than one variation, left out */
                                excludedMultipleVariations: number;
                                /** @description Subjects counted: exposed to exactly one variation */
                                subjects: number;
                                variations: {
                                    subjects: number;
                                    variation: string;
                                }[];
                            };
                            flag: string;
                            from: string | null;
                            metrics: {
                                cap: number | null;
                                cuped: {
                                    correlation: number;
                                    covariateMean: number;
                                    theta: number;
                                    varianceReduction: number;
                                } | null;
                                direction: string;
                                kind: string;
                                metric: string;
                                role: "primary" | "secondary" | "guardrail";
                                variations: {
                                    comparison: {
                                        chanceToBeatControl: number;
                                        difference: {
                                            estimate: number;
                                            interval: {
                                                lower: number;
                                                upper: number;
                                            };
                                            standardError: number;
                                        };
                                        interval: {
                                            lower: number;
                                            upper: number;
                                        };
                                        /** @description Relative lift against control: 0.1 is +10 % */
                                        lift: number;
                                        pValue: number;
                                        sequential: {
                                            interval: {
                                                lower: number;
                                                upper: number;
                                            };
                                            pValue: number;
                                        } | null;
                                        standardError: number;
                                    } | null;
                                    conversions?: number;
                                    cuped: {
                                        comparison: {
                                            chanceToBeatControl: number;
                                            difference: {
                                                estimate: number;
                                                interval: {
                                                    lower: number;
                                                    upper: number;
                                                };
                                                standardError: number;
                                            };
                                            interval: {
                                                lower: number;
                                                upper: number;
                                            };
                                            /** @description Relative lift against control: 0.1 is +10 % */
                                            lift: number;
                                            pValue: number;
                                            sequential: {
                                                interval: {
                                                    lower: number;
                                                    upper: number;
                                                };
                                                pValue: number;
                                            } | null;
                                            standardError: number;
                                        } | null;
                                        mean: number;
                                        standardError: number;
                                        subjects: number;
                                        variance: number;
                                    } | null;
                                    isControl: boolean;
                                    mean: number;
                                    standardError: number;
                                    subjects: number;
                                    /** @description The sums the figures come from: the input of @vexil/stats analyzeMetric */
                                    summary: {
                                        /** @description Conversion metrics */
                                        conversions?: number;
                                        /** @description ΣX, ΣX², ΣXY over the pre-exposure period, when the metric has one (CUPED) */
                                        pre?: {
                                            crossSum: number;
                                            sum: number;
                                            sumSquares: number;
                                        };
                                        subjects: number;
                                        /** @description Numeric metrics: ΣY */
                                        sum?: number;
                                        /** @description Numeric metrics: ΣY² */
                                        sumSquares?: number;
                                    };
                                    variance: number;
                                    variation: string;
                                }[];
                            }[];
                            /** @description The primary metric, cumulative day by day */
                            overTime: {
                                /** @description The day (UTC): subjects first exposed up to its end */
                                date: string;
                                variations: {
                                    interval: {
                                        lower: number;
                                        upper: number;
                                    } | null;
                                    lift: number | null;
                                    mean: number;
                                    sequentialInterval: {
                                        lower: number;
                                        upper: number;
                                    } | null;
                                    subjects: number;
                                    variation: string;
                                }[];
                            }[];
                            sampleRatio: {
                                chiSquare: number;
                                expected: number[];
                                /** @description p < threshold (0.001): the assignment is not what was configured */
                                mismatch: boolean;
                                observed: number[];
                                pValue: number;
                                threshold: number;
                                variations: string[];
                                weights: number[];
                            } | null;
                            status: string;
                            /** Format: date-time */
                            to: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/experiments/{experiment}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an experiment: its allocations track exposures
         * @description Turns `track` on for the allocations in the flag’s state (one audited flag change, in the same transaction). Needs `flag:write` in the environment. 409 when the allocations are gone or do not split traffic between the control and another variation.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations: string[];
                            controlVariation: string;
                            /** Format: date-time */
                            createdAt: string;
                            environment: string;
                            flag: string;
                            guardrailMetrics: string[];
                            hypothesis: string | null;
                            key: string;
                            minimumDetectableEffect: number | null;
                            name: string;
                            plannedSubjectsPerVariation: number;
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            shippedVariation: string | null;
                            startedAt: string | null;
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/experiments/{experiment}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an experiment, optionally shipping a variation
         * @description Its allocations stop tracking; with `ship` they serve that variation to everyone. One audited flag change, in the same transaction. Needs `flag:write` in the environment.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A variation the experiment’s allocations then serve to everyone (one audited flag change) */
                        ship?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations: string[];
                            controlVariation: string;
                            /** Format: date-time */
                            createdAt: string;
                            environment: string;
                            flag: string;
                            guardrailMetrics: string[];
                            hypothesis: string | null;
                            key: string;
                            minimumDetectableEffect: number | null;
                            name: string;
                            plannedSubjectsPerVariation: number;
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            shippedVariation: string | null;
                            startedAt: string | null;
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List flags a page at a time, sorted by key, filtered, with a summary each */
        get: {
            parameters: {
                query?: {
                    /** @description Archived flags instead of live ones (default false; true for status=archived) */
                    archived?: boolean;
                    /** @description The `nextCursor` of the previous page (with the same filters) */
                    cursor?: string;
                    /** @description Release toggles (temporary) or permanent flags */
                    lifetime?: "temporary" | "permanent";
                    /** @description Flags per page (default 100) */
                    limit?: number;
                    /** @description Text in the key, name, description or a tag; any case, taken literally */
                    q?: string;
                    /** @description active: evaluated in the last 7 days; new: created in the last 7 days and not evaluated since; inactive: neither; archived */
                    status?: "new" | "active" | "inactive" | "archived";
                    /** @description Only flags with this tag */
                    tag?: string;
                    /** @description Only flags of this type */
                    type?: "boolean" | "string" | "number" | "json";
                };
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Sorted by key */
                            items: {
                                archived: boolean;
                                clientSideAvailable: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @description Per environment the caller may read: on or off, the state version, the last evaluation */
                                environments: {
                                    [key: string]: {
                                        /** @description The start of the last hour SDKs reported evaluating it in this environment */
                                        lastEvaluatedAt: string | null;
                                        on: boolean;
                                        version: number;
                                    };
                                };
                                key: string;
                                /** @description The latest change to its definition or to a state the caller may read: who and when */
                                lastChange: {
                                    actor: string;
                                    /** Format: date-time */
                                    at: string;
                                } | null;
                                /** @description The start of the last hour SDKs reported evaluating it (in environments the caller may read) */
                                lastEvaluatedAt: string | null;
                                /** @description The key when the flag has no name */
                                name: string;
                                /** @description new, active, inactive or archived */
                                status: string;
                                tags: string[];
                                temporary: boolean;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            }[];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                            /** @description Flags matching the filters, on every page */
                            total: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a flag (off in every environment, unless `environments` says otherwise) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "key": "new-checkout",
                     *       "name": "New checkout",
                     *       "description": "The one-page checkout",
                     *       "tags": [
                     *         "checkout",
                     *         "web"
                     *       ],
                     *       "type": "boolean",
                     *       "variations": [
                     *         {
                     *           "key": "on",
                     *           "value": true,
                     *           "name": "New checkout"
                     *         },
                     *         {
                     *           "key": "off",
                     *           "value": false,
                     *           "name": "Current checkout"
                     *         }
                     *       ],
                     *       "temporary": true,
                     *       "clientSideAvailable": true,
                     *       "environments": {
                     *         "development": {
                     *           "on": true,
                     *           "offVariation": "off",
                     *           "allocations": [
                     *             {
                     *               "id": "staff",
                     *               "conditions": [
                     *                 {
                     *                   "attribute": "email",
                     *                   "operator": "ends_with",
                     *                   "values": [
                     *                     "@example.com"
                     *                   ]
                     *                 }
                     *               ],
                     *               "serve": {
                     *                 "variation": "on"
                     *               }
                     *             }
                     *           ],
                     *           "fallthrough": {
                     *             "variation": "off"
                     *           }
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Client SDK keys may evaluate it */
                        clientSideAvailable?: boolean;
                        description?: string;
                        /** @description Initial state per environment key, applied to the default (off) state as a PATCH would be */
                        environments?: {
                            [key: string]: {
                                allocations?: {
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    conditions?: ({
                                        attribute: string;
                                        contextKind?: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                        values: unknown[];
                                    } | {
                                        negate?: boolean;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        segment: string;
                                    })[];
                                    enabled?: boolean;
                                    /** @description ISO 8601 or epoch milliseconds */
                                    endAt?: string | number;
                                    exposure?: number;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    id: string;
                                    name?: string;
                                    salt?: string;
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    serve: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description ISO 8601 or epoch milliseconds */
                                    startAt?: string | number;
                                    track?: boolean;
                                }[];
                                bucketBy?: {
                                    attribute?: string;
                                    contextKind?: string;
                                };
                                /** @description One variation, a weighted split, or imported Eppo shards */
                                fallthrough?: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                } | {
                                    split: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                        weight: number;
                                    }[];
                                } | {
                                    shards: {
                                        shards: {
                                            ranges: {
                                                end: number;
                                                start: number;
                                            }[];
                                            salt: string;
                                        }[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    totalShards: number;
                                };
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                offVariation?: string;
                                /** @description The kill switch: off serves offVariation and nothing else */
                                on?: boolean;
                                prerequisites?: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    flag: string;
                                    variations: string[];
                                }[];
                                salt?: string;
                                targets?: {
                                    contextKind?: string;
                                    values: string[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                            };
                        };
                        /** @description number flags only: every value is a whole number */
                        integer?: boolean;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        key: string;
                        name?: string;
                        tags?: string[];
                        /** @description A release toggle, expected to be removed */
                        temporary?: boolean;
                        type?: "boolean" | "string" | "number" | "json";
                        variations?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            key: string;
                            name?: string;
                            /** @description A value of the flag type */
                            value: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            /** @description Client SDK keys may evaluate it */
                            clientSideAvailable?: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description State per environment key */
                            environments: {
                                [key: string]: {
                                    allocations?: {
                                        bucketBy?: {
                                            attribute?: string;
                                            contextKind?: string;
                                        };
                                        conditions?: ({
                                            attribute: string;
                                            contextKind?: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                            values: unknown[];
                                        } | {
                                            negate?: boolean;
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            segment: string;
                                        })[];
                                        enabled?: boolean;
                                        /** @description ISO 8601 or epoch milliseconds */
                                        endAt?: string | number;
                                        exposure?: number;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        id: string;
                                        name?: string;
                                        salt?: string;
                                        /** @description One variation, a weighted split, or imported Eppo shards */
                                        serve: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        } | {
                                            split: {
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                                weight: number;
                                            }[];
                                        } | {
                                            shards: {
                                                shards: {
                                                    ranges: {
                                                        end: number;
                                                        start: number;
                                                    }[];
                                                    salt: string;
                                                }[];
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                            }[];
                                            totalShards: number;
                                        };
                                        /** @description ISO 8601 or epoch milliseconds */
                                        startAt?: string | number;
                                        track?: boolean;
                                    }[];
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    fallthrough?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    offVariation?: string;
                                    /** @description The kill switch: off serves offVariation and nothing else */
                                    on: boolean;
                                    prerequisites?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        flag: string;
                                        variations: string[];
                                    }[];
                                    salt?: string;
                                    targets?: {
                                        contextKind?: string;
                                        values: string[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    /** Format: date-time */
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            /** @description number flags only: every value is a whole number */
                            integer?: boolean;
                            key: string;
                            name?: string;
                            tags?: string[];
                            /** @description A release toggle, expected to be removed */
                            temporary?: boolean;
                            type: "boolean" | "string" | "number" | "json";
                            /** Format: date-time */
                            updatedAt: string;
                            variations: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                key: string;
                                name?: string;
                                /** @description A value of the flag type */
                                value: unknown;
                            }[];
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a flag with its state in every environment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            /** @description Client SDK keys may evaluate it */
                            clientSideAvailable?: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description State per environment key */
                            environments: {
                                [key: string]: {
                                    allocations?: {
                                        bucketBy?: {
                                            attribute?: string;
                                            contextKind?: string;
                                        };
                                        conditions?: ({
                                            attribute: string;
                                            contextKind?: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                            values: unknown[];
                                        } | {
                                            negate?: boolean;
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            segment: string;
                                        })[];
                                        enabled?: boolean;
                                        /** @description ISO 8601 or epoch milliseconds */
                                        endAt?: string | number;
                                        exposure?: number;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        id: string;
                                        name?: string;
                                        salt?: string;
                                        /** @description One variation, a weighted split, or imported Eppo shards */
                                        serve: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        } | {
                                            split: {
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                                weight: number;
                                            }[];
                                        } | {
                                            shards: {
                                                shards: {
                                                    ranges: {
                                                        end: number;
                                                        start: number;
                                                    }[];
                                                    salt: string;
                                                }[];
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                            }[];
                                            totalShards: number;
                                        };
                                        /** @description ISO 8601 or epoch milliseconds */
                                        startAt?: string | number;
                                        track?: boolean;
                                    }[];
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    fallthrough?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    offVariation?: string;
                                    /** @description The kill switch: off serves offVariation and nothing else */
                                    on: boolean;
                                    prerequisites?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        flag: string;
                                        variations: string[];
                                    }[];
                                    salt?: string;
                                    targets?: {
                                        contextKind?: string;
                                        values: string[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    /** Format: date-time */
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            /** @description number flags only: every value is a whole number */
                            integer?: boolean;
                            key: string;
                            name?: string;
                            tags?: string[];
                            /** @description A release toggle, expected to be removed */
                            temporary?: boolean;
                            type: "boolean" | "string" | "number" | "json";
                            /** Format: date-time */
                            updatedAt: string;
                            variations: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                key: string;
                                name?: string;
                                /** @description A value of the flag type */
                                value: unknown;
                            }[];
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a flag for good */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a flag’s definition */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The flag’s version (its definition) you edited; 412 if it changed since */
                    "if-match"?: string;
                };
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "New checkout",
                     *       "description": "The one-page checkout, with saved cards",
                     *       "tags": [
                     *         "checkout",
                     *         "web",
                     *         "payments"
                     *       ],
                     *       "clientSideAvailable": true
                     *     }
                     */
                    "application/json": {
                        /** @description Client SDK keys may evaluate it */
                        clientSideAvailable?: boolean;
                        description?: string;
                        name?: string;
                        tags?: string[];
                        /** @description A release toggle, expected to be removed */
                        temporary?: boolean;
                        variations?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            key: string;
                            name?: string;
                            /** @description A value of the flag type */
                            value: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            /** @description Client SDK keys may evaluate it */
                            clientSideAvailable?: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description State per environment key */
                            environments: {
                                [key: string]: {
                                    allocations?: {
                                        bucketBy?: {
                                            attribute?: string;
                                            contextKind?: string;
                                        };
                                        conditions?: ({
                                            attribute: string;
                                            contextKind?: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                            values: unknown[];
                                        } | {
                                            negate?: boolean;
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            segment: string;
                                        })[];
                                        enabled?: boolean;
                                        /** @description ISO 8601 or epoch milliseconds */
                                        endAt?: string | number;
                                        exposure?: number;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        id: string;
                                        name?: string;
                                        salt?: string;
                                        /** @description One variation, a weighted split, or imported Eppo shards */
                                        serve: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        } | {
                                            split: {
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                                weight: number;
                                            }[];
                                        } | {
                                            shards: {
                                                shards: {
                                                    ranges: {
                                                        end: number;
                                                        start: number;
                                                    }[];
                                                    salt: string;
                                                }[];
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                            }[];
                                            totalShards: number;
                                        };
                                        /** @description ISO 8601 or epoch milliseconds */
                                        startAt?: string | number;
                                        track?: boolean;
                                    }[];
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    fallthrough?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    offVariation?: string;
                                    /** @description The kill switch: off serves offVariation and nothing else */
                                    on: boolean;
                                    prerequisites?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        flag: string;
                                        variations: string[];
                                    }[];
                                    salt?: string;
                                    targets?: {
                                        contextKind?: string;
                                        values: string[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    /** Format: date-time */
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            /** @description number flags only: every value is a whole number */
                            integer?: boolean;
                            key: string;
                            name?: string;
                            tags?: string[];
                            /** @description A release toggle, expected to be removed */
                            temporary?: boolean;
                            type: "boolean" | "string" | "number" | "json";
                            /** Format: date-time */
                            updatedAt: string;
                            variations: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                key: string;
                                name?: string;
                                /** @description A value of the flag type */
                                value: unknown;
                            }[];
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description If-Match names a version that is no longer the current one: reload and edit again */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a flag (SDKs stop seeing it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            /** @description Client SDK keys may evaluate it */
                            clientSideAvailable?: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description State per environment key */
                            environments: {
                                [key: string]: {
                                    allocations?: {
                                        bucketBy?: {
                                            attribute?: string;
                                            contextKind?: string;
                                        };
                                        conditions?: ({
                                            attribute: string;
                                            contextKind?: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                            values: unknown[];
                                        } | {
                                            negate?: boolean;
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            segment: string;
                                        })[];
                                        enabled?: boolean;
                                        /** @description ISO 8601 or epoch milliseconds */
                                        endAt?: string | number;
                                        exposure?: number;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        id: string;
                                        name?: string;
                                        salt?: string;
                                        /** @description One variation, a weighted split, or imported Eppo shards */
                                        serve: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        } | {
                                            split: {
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                                weight: number;
                                            }[];
                                        } | {
                                            shards: {
                                                shards: {
                                                    ranges: {
                                                        end: number;
                                                        start: number;
                                                    }[];
                                                    salt: string;
                                                }[];
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                            }[];
                                            totalShards: number;
                                        };
                                        /** @description ISO 8601 or epoch milliseconds */
                                        startAt?: string | number;
                                        track?: boolean;
                                    }[];
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    fallthrough?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    offVariation?: string;
                                    /** @description The kill switch: off serves offVariation and nothing else */
                                    on: boolean;
                                    prerequisites?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        flag: string;
                                        variations: string[];
                                    }[];
                                    salt?: string;
                                    targets?: {
                                        contextKind?: string;
                                        values: string[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    /** Format: date-time */
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            /** @description number flags only: every value is a whole number */
                            integer?: boolean;
                            key: string;
                            name?: string;
                            tags?: string[];
                            /** @description A release toggle, expected to be removed */
                            temporary?: boolean;
                            type: "boolean" | "string" | "number" | "json";
                            /** Format: date-time */
                            updatedAt: string;
                            variations: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                key: string;
                                name?: string;
                                /** @description A value of the flag type */
                                value: unknown;
                            }[];
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/dependents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the flag is used: live flags requiring it as a prerequisite, and in which environments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Live flags requiring the flag as a prerequisite, by key */
                            items: {
                                /** @description Where it requires the flag */
                                environments: string[];
                                key: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/environments/{environment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a flag’s state in an environment, with the version to send back as If-Match */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    environment: string;
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations?: {
                                bucketBy?: {
                                    attribute?: string;
                                    contextKind?: string;
                                };
                                conditions?: ({
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                } | {
                                    negate?: boolean;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    segment: string;
                                })[];
                                enabled?: boolean;
                                /** @description ISO 8601 or epoch milliseconds */
                                endAt?: string | number;
                                exposure?: number;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id: string;
                                name?: string;
                                salt?: string;
                                /** @description One variation, a weighted split, or imported Eppo shards */
                                serve: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                } | {
                                    split: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                        weight: number;
                                    }[];
                                } | {
                                    shards: {
                                        shards: {
                                            ranges: {
                                                end: number;
                                                start: number;
                                            }[];
                                            salt: string;
                                        }[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    totalShards: number;
                                };
                                /** @description ISO 8601 or epoch milliseconds */
                                startAt?: string | number;
                                track?: boolean;
                            }[];
                            bucketBy?: {
                                attribute?: string;
                                contextKind?: string;
                            };
                            /** @description One variation, a weighted split, or imported Eppo shards */
                            fallthrough?: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            } | {
                                split: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                    weight: number;
                                }[];
                            } | {
                                shards: {
                                    shards: {
                                        ranges: {
                                            end: number;
                                            start: number;
                                        }[];
                                        salt: string;
                                    }[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                                totalShards: number;
                            };
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            offVariation?: string;
                            /** @description The kill switch: off serves offVariation and nothing else */
                            on: boolean;
                            prerequisites?: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                flag: string;
                                variations: string[];
                            }[];
                            salt?: string;
                            targets?: {
                                contextKind?: string;
                                values: string[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Replace a flag’s state in an environment */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The state version you edited; 412 if it changed since */
                    "if-match"?: string;
                };
                path: {
                    environment: string;
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "on": true,
                     *       "offVariation": "off",
                     *       "targets": [
                     *         {
                     *           "contextKind": "user",
                     *           "variation": "on",
                     *           "values": [
                     *             "ada",
                     *             "grace"
                     *           ]
                     *         }
                     *       ],
                     *       "allocations": [
                     *         {
                     *           "id": "staff",
                     *           "name": "Staff first",
                     *           "conditions": [
                     *             {
                     *               "attribute": "email",
                     *               "operator": "ends_with",
                     *               "values": [
                     *                 "@example.com"
                     *               ]
                     *             }
                     *           ],
                     *           "serve": {
                     *             "variation": "on"
                     *           }
                     *         },
                     *         {
                     *           "id": "beta-rollout",
                     *           "name": "A quarter of beta testers, half of them on the new checkout",
                     *           "conditions": [
                     *             {
                     *               "segment": "beta-testers"
                     *             }
                     *           ],
                     *           "exposure": 25,
                     *           "serve": {
                     *             "split": [
                     *               {
                     *                 "variation": "on",
                     *                 "weight": 50
                     *               },
                     *               {
                     *                 "variation": "off",
                     *                 "weight": 50
                     *               }
                     *             ]
                     *           },
                     *           "track": true
                     *         }
                     *       ],
                     *       "fallthrough": {
                     *         "variation": "off"
                     *       }
                     *     }
                     */
                    "application/json": {
                        allocations?: {
                            bucketBy?: {
                                attribute?: string;
                                contextKind?: string;
                            };
                            conditions?: ({
                                attribute: string;
                                contextKind?: string;
                                negate?: boolean;
                                /** @enum {string} */
                                operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                values: unknown[];
                            } | {
                                negate?: boolean;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                segment: string;
                            })[];
                            enabled?: boolean;
                            /** @description ISO 8601 or epoch milliseconds */
                            endAt?: string | number;
                            exposure?: number;
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            id: string;
                            name?: string;
                            salt?: string;
                            /** @description One variation, a weighted split, or imported Eppo shards */
                            serve: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            } | {
                                split: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                    weight: number;
                                }[];
                            } | {
                                shards: {
                                    shards: {
                                        ranges: {
                                            end: number;
                                            start: number;
                                        }[];
                                        salt: string;
                                    }[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                                totalShards: number;
                            };
                            /** @description ISO 8601 or epoch milliseconds */
                            startAt?: string | number;
                            track?: boolean;
                        }[];
                        bucketBy?: {
                            attribute?: string;
                            contextKind?: string;
                        };
                        /** @description One variation, a weighted split, or imported Eppo shards */
                        fallthrough?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            variation: string;
                        } | {
                            split: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                                weight: number;
                            }[];
                        } | {
                            shards: {
                                shards: {
                                    ranges: {
                                        end: number;
                                        start: number;
                                    }[];
                                    salt: string;
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            }[];
                            totalShards: number;
                        };
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        offVariation?: string;
                        /** @description The kill switch: off serves offVariation and nothing else */
                        on: boolean;
                        prerequisites?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            flag: string;
                            variations: string[];
                        }[];
                        salt?: string;
                        targets?: {
                            contextKind?: string;
                            values: string[];
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            variation: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations?: {
                                bucketBy?: {
                                    attribute?: string;
                                    contextKind?: string;
                                };
                                conditions?: ({
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                } | {
                                    negate?: boolean;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    segment: string;
                                })[];
                                enabled?: boolean;
                                /** @description ISO 8601 or epoch milliseconds */
                                endAt?: string | number;
                                exposure?: number;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id: string;
                                name?: string;
                                salt?: string;
                                /** @description One variation, a weighted split, or imported Eppo shards */
                                serve: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                } | {
                                    split: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                        weight: number;
                                    }[];
                                } | {
                                    shards: {
                                        shards: {
                                            ranges: {
                                                end: number;
                                                start: number;
                                            }[];
                                            salt: string;
                                        }[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    totalShards: number;
                                };
                                /** @description ISO 8601 or epoch milliseconds */
                                startAt?: string | number;
                                track?: boolean;
                            }[];
                            bucketBy?: {
                                attribute?: string;
                                contextKind?: string;
                            };
                            /** @description One variation, a weighted split, or imported Eppo shards */
                            fallthrough?: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            } | {
                                split: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                    weight: number;
                                }[];
                            } | {
                                shards: {
                                    shards: {
                                        ranges: {
                                            end: number;
                                            start: number;
                                        }[];
                                        salt: string;
                                    }[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                                totalShards: number;
                            };
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            offVariation?: string;
                            /** @description The kill switch: off serves offVariation and nothing else */
                            on: boolean;
                            prerequisites?: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                flag: string;
                                variations: string[];
                            }[];
                            salt?: string;
                            targets?: {
                                contextKind?: string;
                                values: string[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description If-Match names a version that is no longer the current one: reload and edit again */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change some fields of a flag’s state in an environment (e.g. {"on": true}) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The state version you edited; 412 if it changed since */
                    "if-match"?: string;
                };
                path: {
                    environment: string;
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "on": true,
                     *       "fallthrough": {
                     *         "variation": "on"
                     *       }
                     *     }
                     */
                    "application/json": {
                        allocations?: {
                            bucketBy?: {
                                attribute?: string;
                                contextKind?: string;
                            };
                            conditions?: ({
                                attribute: string;
                                contextKind?: string;
                                negate?: boolean;
                                /** @enum {string} */
                                operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                values: unknown[];
                            } | {
                                negate?: boolean;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                segment: string;
                            })[];
                            enabled?: boolean;
                            /** @description ISO 8601 or epoch milliseconds */
                            endAt?: string | number;
                            exposure?: number;
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            id: string;
                            name?: string;
                            salt?: string;
                            /** @description One variation, a weighted split, or imported Eppo shards */
                            serve: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            } | {
                                split: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                    weight: number;
                                }[];
                            } | {
                                shards: {
                                    shards: {
                                        ranges: {
                                            end: number;
                                            start: number;
                                        }[];
                                        salt: string;
                                    }[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                                totalShards: number;
                            };
                            /** @description ISO 8601 or epoch milliseconds */
                            startAt?: string | number;
                            track?: boolean;
                        }[];
                        bucketBy?: {
                            attribute?: string;
                            contextKind?: string;
                        };
                        /** @description One variation, a weighted split, or imported Eppo shards */
                        fallthrough?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            variation: string;
                        } | {
                            split: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                                weight: number;
                            }[];
                        } | {
                            shards: {
                                shards: {
                                    ranges: {
                                        end: number;
                                        start: number;
                                    }[];
                                    salt: string;
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            }[];
                            totalShards: number;
                        };
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        offVariation?: string;
                        /** @description The kill switch: off serves offVariation and nothing else */
                        on?: boolean;
                        prerequisites?: {
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            flag: string;
                            variations: string[];
                        }[];
                        salt?: string;
                        targets?: {
                            contextKind?: string;
                            values: string[];
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            variation: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allocations?: {
                                bucketBy?: {
                                    attribute?: string;
                                    contextKind?: string;
                                };
                                conditions?: ({
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                } | {
                                    negate?: boolean;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    segment: string;
                                })[];
                                enabled?: boolean;
                                /** @description ISO 8601 or epoch milliseconds */
                                endAt?: string | number;
                                exposure?: number;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id: string;
                                name?: string;
                                salt?: string;
                                /** @description One variation, a weighted split, or imported Eppo shards */
                                serve: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                } | {
                                    split: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                        weight: number;
                                    }[];
                                } | {
                                    shards: {
                                        shards: {
                                            ranges: {
                                                end: number;
                                                start: number;
                                            }[];
                                            salt: string;
                                        }[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    totalShards: number;
                                };
                                /** @description ISO 8601 or epoch milliseconds */
                                startAt?: string | number;
                                track?: boolean;
                            }[];
                            bucketBy?: {
                                attribute?: string;
                                contextKind?: string;
                            };
                            /** @description One variation, a weighted split, or imported Eppo shards */
                            fallthrough?: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            } | {
                                split: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                    weight: number;
                                }[];
                            } | {
                                shards: {
                                    shards: {
                                        ranges: {
                                            end: number;
                                            start: number;
                                        }[];
                                        salt: string;
                                    }[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                                totalShards: number;
                            };
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            offVariation?: string;
                            /** @description The kill switch: off serves offVariation and nothing else */
                            on: boolean;
                            prerequisites?: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                flag: string;
                                variations: string[];
                            }[];
                            salt?: string;
                            targets?: {
                                contextKind?: string;
                                values: string[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                variation: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description If-Match names a version that is no longer the current one: reload and edit again */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/environments/{environment}/insights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How often the flag served each variation in one environment over the last 24 hours, 7 days or 30 days, per hour or day */
        get: {
            parameters: {
                query?: {
                    /** @description The last 24 hours or 7 days (hourly buckets), or 30 days (daily buckets, UTC); default 7d */
                    range?: "24h" | "7d" | "30d";
                    /** @description An ISO 8601 date-time: the range ends with the hour (or day) holding it; default now */
                    until?: string;
                };
                header?: never;
                path: {
                    environment: string;
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "environment": "production",
                         *       "range": "24h",
                         *       "granularity": "hour",
                         *       "from": "2026-11-22T10:00:00.000Z",
                         *       "to": "2026-11-23T10:00:00.000Z",
                         *       "total": 1570,
                         *       "variations": [
                         *         {
                         *           "key": "on",
                         *           "total": 1240
                         *         },
                         *         {
                         *           "key": "off",
                         *           "total": 330
                         *         }
                         *       ],
                         *       "buckets": [
                         *         {
                         *           "start": "2026-11-23T08:00:00.000Z",
                         *           "counts": {
                         *             "on": 610,
                         *             "off": 170
                         *           }
                         *         },
                         *         {
                         *           "start": "2026-11-23T09:00:00.000Z",
                         *           "counts": {
                         *             "on": 630,
                         *             "off": 160
                         *           }
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            /** @description Buckets holding evaluations, oldest first; the others (zero) are left out */
                            buckets: {
                                /** @description Evaluations per variation key */
                                counts: {
                                    [key: string]: number;
                                };
                                /** Format: date-time */
                                start: string;
                            }[];
                            environment: string;
                            /**
                             * Format: date-time
                             * @description The start of the first bucket
                             */
                            from: string;
                            /** @description What one bucket spans */
                            granularity: "hour" | "day";
                            /**
                             * @description The range asked for
                             * @enum {string}
                             */
                            range: "24h" | "7d" | "30d";
                            /**
                             * Format: date-time
                             * @description The end of the last bucket (exclusive)
                             */
                            to: string;
                            /** @description Evaluations in the range */
                            total: number;
                            /** @description The flag’s variations in order, then variations it no longer has that were counted, then "" (the caller’s default, served when the flag was missing or failed) if counted */
                            variations: {
                                key: string;
                                total: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What the flag serves a context in each environment, and why; also for unsaved edits (a draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "context": {
                     *         "kind": "user",
                     *         "key": "ada",
                     *         "email": "ada@example.com",
                     *         "plan": "pro"
                     *       },
                     *       "draft": {
                     *         "environments": {
                     *           "development": {
                     *             "on": true,
                     *             "offVariation": "off",
                     *             "fallthrough": {
                     *               "variation": "on"
                     *             }
                     *           }
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Evaluation context: single-kind or multi-kind */
                        context: {
                            key?: string;
                            /** @description The context kind (default "user"), or "multi" */
                            kind?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description Unsaved edits: evaluated beside the saved flag, never stored */
                        draft?: {
                            /**
                             * @example {
                             *       "name": "New checkout",
                             *       "description": "The one-page checkout, with saved cards",
                             *       "tags": [
                             *         "checkout",
                             *         "web",
                             *         "payments"
                             *       ],
                             *       "clientSideAvailable": true
                             *     }
                             */
                            definition?: {
                                /** @description Client SDK keys may evaluate it */
                                clientSideAvailable?: boolean;
                                description?: string;
                                name?: string;
                                tags?: string[];
                                /** @description A release toggle, expected to be removed */
                                temporary?: boolean;
                                variations?: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    key: string;
                                    name?: string;
                                    /** @description A value of the flag type */
                                    value: unknown;
                                }[];
                            };
                            /** @description Whole states per environment key, as PUT takes */
                            environments?: {
                                [key: string]: {
                                    allocations?: {
                                        bucketBy?: {
                                            attribute?: string;
                                            contextKind?: string;
                                        };
                                        conditions?: ({
                                            attribute: string;
                                            contextKind?: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                            values: unknown[];
                                        } | {
                                            negate?: boolean;
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            segment: string;
                                        })[];
                                        enabled?: boolean;
                                        /** @description ISO 8601 or epoch milliseconds */
                                        endAt?: string | number;
                                        exposure?: number;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        id: string;
                                        name?: string;
                                        salt?: string;
                                        /** @description One variation, a weighted split, or imported Eppo shards */
                                        serve: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        } | {
                                            split: {
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                                weight: number;
                                            }[];
                                        } | {
                                            shards: {
                                                shards: {
                                                    ranges: {
                                                        end: number;
                                                        start: number;
                                                    }[];
                                                    salt: string;
                                                }[];
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                            }[];
                                            totalShards: number;
                                        };
                                        /** @description ISO 8601 or epoch milliseconds */
                                        startAt?: string | number;
                                        track?: boolean;
                                    }[];
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    fallthrough?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    offVariation?: string;
                                    /** @description The kill switch: off serves offVariation and nothing else */
                                    on: boolean;
                                    prerequisites?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        flag: string;
                                        variations: string[];
                                    }[];
                                    salt?: string;
                                    targets?: {
                                        contextKind?: string;
                                        values: string[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                };
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Every environment the caller may read, in the project’s order */
                            environments: {
                                critical: boolean;
                                draft?: {
                                    /** @description The allocation that decided */
                                    allocation?: string;
                                    errorCode?: string;
                                    errorMessage?: string;
                                    /** @description DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, STATIC, ERROR, PREREQUISITE_FAILED or TRAFFIC_EXCLUDED */
                                    reason: string;
                                    /** @description The engine’s steps: switch, prerequisites, targets, each allocation with its clauses, fallthrough */
                                    trace: unknown[];
                                    /** @description The served value; null when no variation is served (the caller’s default) */
                                    value: unknown;
                                    variation: string | null;
                                };
                                key: string;
                                name: string;
                                saved: {
                                    /** @description The allocation that decided */
                                    allocation?: string;
                                    errorCode?: string;
                                    errorMessage?: string;
                                    /** @description DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, STATIC, ERROR, PREREQUISITE_FAILED or TRAFFIC_EXCLUDED */
                                    reason: string;
                                    /** @description The engine’s steps: switch, prerequisites, targets, each allocation with its clauses, fallthrough */
                                    trace: unknown[];
                                    /** @description The served value; null when no variation is served (the caller’s default) */
                                    value: unknown;
                                    variation: string | null;
                                };
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A flag’s history: every change to its definition and states, newest first, with a diff each */
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page */
                    before?: number;
                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                    environment?: string;
                    /** @description Entries per page (default 50) */
                    limit?: number;
                };
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newest first */
                            entries: {
                                /** @description flag.created, flag.updated, flag.archived, flag.restored, flag.state.updated, flag.reverted, flag.state.reverted */
                                action: string;
                                actor: {
                                    id: string;
                                    name: string;
                                    /** @description api-token, admin-token or member */
                                    type: string;
                                };
                                /** @description The flag (or state) after the change */
                                after: unknown;
                                /** @description The flag (or state) before the change; null when created */
                                before: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description From before to after, bookkeeping (versions, times) left out */
                                diff: {
                                    /** @description The value before (remove, replace) */
                                    from?: unknown;
                                    op: "add" | "remove" | "replace";
                                    /** @description JSON Pointer into the flag or state: /allocations/0/exposure */
                                    path: string;
                                    /** @description The value after (add, replace) */
                                    value?: unknown;
                                }[];
                                /** @description The environment whose state changed; null for the definition */
                                environment: string | null;
                                id: number;
                                /** @description For a revert: the id of the entry it undid */
                                reverts: number | null;
                            }[];
                            /** @description Pass as `before` for the next page; null on the last page */
                            next: number | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/history/{entryId}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo one change of a flag’s history: the fields it changed go back (a new change, in the history too) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version of the definition (or state) the entry changed, as you saw it; 412 if it changed since */
                    "if-match"?: string;
                };
                path: {
                    /** @description A history entry’s id */
                    entryId: number;
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description flag.created, flag.updated, flag.archived, flag.restored, flag.state.updated, flag.reverted, flag.state.reverted */
                            action: string;
                            actor: {
                                id: string;
                                name: string;
                                /** @description api-token, admin-token or member */
                                type: string;
                            };
                            /** @description The flag (or state) after the change */
                            after: unknown;
                            /** @description The flag (or state) before the change; null when created */
                            before: unknown;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description From before to after, bookkeeping (versions, times) left out */
                            diff: {
                                /** @description The value before (remove, replace) */
                                from?: unknown;
                                op: "add" | "remove" | "replace";
                                /** @description JSON Pointer into the flag or state: /allocations/0/exposure */
                                path: string;
                                /** @description The value after (add, replace) */
                                value?: unknown;
                            }[];
                            /** @description The environment whose state changed; null for the definition */
                            environment: string | null;
                            id: number;
                            /** @description For a revert: the id of the entry it undid */
                            reverts: number | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description If-Match names a version that is no longer the current one: reload and edit again */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/{flag}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore an archived flag */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            /** @description Client SDK keys may evaluate it */
                            clientSideAvailable?: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description State per environment key */
                            environments: {
                                [key: string]: {
                                    allocations?: {
                                        bucketBy?: {
                                            attribute?: string;
                                            contextKind?: string;
                                        };
                                        conditions?: ({
                                            attribute: string;
                                            contextKind?: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                            values: unknown[];
                                        } | {
                                            negate?: boolean;
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            segment: string;
                                        })[];
                                        enabled?: boolean;
                                        /** @description ISO 8601 or epoch milliseconds */
                                        endAt?: string | number;
                                        exposure?: number;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        id: string;
                                        name?: string;
                                        salt?: string;
                                        /** @description One variation, a weighted split, or imported Eppo shards */
                                        serve: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        } | {
                                            split: {
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                                weight: number;
                                            }[];
                                        } | {
                                            shards: {
                                                shards: {
                                                    ranges: {
                                                        end: number;
                                                        start: number;
                                                    }[];
                                                    salt: string;
                                                }[];
                                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                                variation: string;
                                            }[];
                                            totalShards: number;
                                        };
                                        /** @description ISO 8601 or epoch milliseconds */
                                        startAt?: string | number;
                                        track?: boolean;
                                    }[];
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    fallthrough?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    offVariation?: string;
                                    /** @description The kill switch: off serves offVariation and nothing else */
                                    on: boolean;
                                    prerequisites?: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        flag: string;
                                        variations: string[];
                                    }[];
                                    salt?: string;
                                    targets?: {
                                        contextKind?: string;
                                        values: string[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    /** Format: date-time */
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            /** @description number flags only: every value is a whole number */
                            integer?: boolean;
                            key: string;
                            name?: string;
                            tags?: string[];
                            /** @description A release toggle, expected to be removed */
                            temporary?: boolean;
                            type: "boolean" | "string" | "number" | "json";
                            /** Format: date-time */
                            updatedAt: string;
                            variations: {
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                key: string;
                                name?: string;
                                /** @description A value of the flag type */
                                value: unknown;
                            }[];
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/flags/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive several flags at once: all of them, or none */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         "new-checkout",
                     *         "checkout-button-color"
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description The flags to archive */
                        keys: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The keys archived, in the order given */
                            archived: string[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aggregation: string | null;
                            capPercentile: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            direction: string;
                            eventKey: string;
                            key: string;
                            /** @description `conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject */
                            kind: "conversion" | "numeric";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                            windowHours: number | null;
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a metric */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Numeric metrics only (required there): how one subject’s event values add up */
                        aggregation?: "sum" | "mean" | "count";
                        /** @description Numeric metrics only: per-subject values above this percentile are capped to it (e.g. 99) */
                        capPercentile?: number | null;
                        description?: string;
                        /** @description Which way is better; default `higher` */
                        direction?: "higher" | "lower";
                        /** @description The custom event it reads: the key SDKs send with `track(eventKey, value?)` */
                        eventKey: string;
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        key: string;
                        /** @description `conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject */
                        kind: "conversion" | "numeric";
                        name?: string;
                        /** @description Only events within this many hours after the subject’s first exposure count; null: any time after */
                        windowHours?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aggregation: string | null;
                            capPercentile: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            direction: string;
                            eventKey: string;
                            key: string;
                            /** @description `conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject */
                            kind: "conversion" | "numeric";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                            windowHours: number | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/metrics/{metric}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a metric */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    metric: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aggregation: string | null;
                            capPercentile: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            direction: string;
                            eventKey: string;
                            key: string;
                            /** @description `conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject */
                            kind: "conversion" | "numeric";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                            windowHours: number | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a metric */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    metric: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change some fields of a metric */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    metric: string;
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        aggregation?: ("sum" | "mean" | "count") | null;
                        /** @description Numeric metrics only: per-subject values above this percentile are capped to it (e.g. 99) */
                        capPercentile?: number | null;
                        description?: string | null;
                        /** @description Which way is better; default `higher` */
                        direction?: "higher" | "lower";
                        /** @description The custom event it reads: the key SDKs send with `track(eventKey, value?)` */
                        eventKey?: string;
                        /** @description `conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject */
                        kind?: "conversion" | "numeric";
                        name?: string;
                        /** @description Only events within this many hours after the subject’s first exposure count; null: any time after */
                        windowHours?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aggregation: string | null;
                            capPercentile: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            direction: string;
                            eventKey: string;
                            key: string;
                            /** @description `conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject */
                            kind: "conversion" | "numeric";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                            windowHours: number | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/segment-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the project’s segments are used: for each, the flags whose allocations name it, and where */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "items": [
                         *         {
                         *           "segment": "beta-testers",
                         *           "flags": [
                         *             {
                         *               "key": "new-checkout",
                         *               "name": "New checkout",
                         *               "archived": false,
                         *               "environments": [
                         *                 "staging"
                         *               ]
                         *             }
                         *           ]
                         *         }
                         *       ]
                         *     }
                         */
                        "application/json": {
                            items: {
                                flags: {
                                    archived: boolean;
                                    /** @description Where its allocations name the segment (environments the caller may read) */
                                    environments: string[];
                                    key: string;
                                    /** @description The key when the flag has no name */
                                    name: string;
                                }[];
                                /** @description The segment’s key; segments no flag uses are left out */
                                segment: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List segments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contextKind?: string;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description Context keys never in it (unless included) */
                            excluded?: string[];
                            /** @description Context keys always in the segment */
                            included?: string[];
                            key: string;
                            name?: string;
                            /** @description OR of rules; a context matching any rule is in */
                            rules?: {
                                /** @description AND of attribute clauses */
                                clauses: {
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id?: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        }[];
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a segment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "key": "beta-testers",
                     *       "name": "Beta testers",
                     *       "description": "People who asked to try new features first",
                     *       "contextKind": "user",
                     *       "included": [
                     *         "ada",
                     *         "grace"
                     *       ],
                     *       "excluded": [
                     *         "mallory"
                     *       ],
                     *       "rules": [
                     *         {
                     *           "id": "staff",
                     *           "clauses": [
                     *             {
                     *               "attribute": "email",
                     *               "operator": "ends_with",
                     *               "values": [
                     *                 "@example.com"
                     *               ]
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        contextKind?: string;
                        description?: string;
                        /** @description Context keys never in it (unless included) */
                        excluded?: string[];
                        /** @description Context keys always in the segment */
                        included?: string[];
                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                        key: string;
                        name?: string;
                        /** @description OR of rules; a context matching any rule is in */
                        rules?: {
                            /** @description AND of attribute clauses */
                            clauses: {
                                attribute: string;
                                contextKind?: string;
                                negate?: boolean;
                                /** @enum {string} */
                                operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                values: unknown[];
                            }[];
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            id?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contextKind?: string;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description Context keys never in it (unless included) */
                            excluded?: string[];
                            /** @description Context keys always in the segment */
                            included?: string[];
                            key: string;
                            name?: string;
                            /** @description OR of rules; a context matching any rule is in */
                            rules?: {
                                /** @description AND of attribute clauses */
                                clauses: {
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id?: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project}/segments/{segment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a segment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contextKind?: string;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description Context keys never in it (unless included) */
                            excluded?: string[];
                            /** @description Context keys always in the segment */
                            included?: string[];
                            key: string;
                            name?: string;
                            /** @description OR of rules; a context matching any rule is in */
                            rules?: {
                                /** @description AND of attribute clauses */
                                clauses: {
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id?: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Replace a segment’s definition (fields left out are removed) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The segment version you edited (`"3"`); 412 if someone saved it since */
                    "if-match"?: string;
                };
                path: {
                    project: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Beta testers",
                     *       "description": "People who asked to try new features first",
                     *       "contextKind": "user",
                     *       "included": [
                     *         "ada",
                     *         "grace"
                     *       ],
                     *       "excluded": [
                     *         "mallory"
                     *       ],
                     *       "rules": [
                     *         {
                     *           "id": "staff",
                     *           "clauses": [
                     *             {
                     *               "attribute": "email",
                     *               "operator": "ends_with",
                     *               "values": [
                     *                 "@example.com"
                     *               ]
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        contextKind?: string;
                        description?: string;
                        /** @description Context keys never in it (unless included) */
                        excluded?: string[];
                        /** @description Context keys always in the segment */
                        included?: string[];
                        name?: string;
                        /** @description OR of rules; a context matching any rule is in */
                        rules?: {
                            /** @description AND of attribute clauses */
                            clauses: {
                                attribute: string;
                                contextKind?: string;
                                negate?: boolean;
                                /** @enum {string} */
                                operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                values: unknown[];
                            }[];
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            id?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contextKind?: string;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description Context keys never in it (unless included) */
                            excluded?: string[];
                            /** @description Context keys always in the segment */
                            included?: string[];
                            key: string;
                            name?: string;
                            /** @description OR of rules; a context matching any rule is in */
                            rules?: {
                                /** @description AND of attribute clauses */
                                clauses: {
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id?: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description If-Match names a version that is no longer the current one: reload and edit again */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a segment no flag uses */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done, no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change some fields of a segment (e.g. {"included": [...]}) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The segment version you edited (`"3"`); 412 if someone saved it since */
                    "if-match"?: string;
                };
                path: {
                    project: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Beta testers",
                     *       "description": "People who asked to try new features first",
                     *       "contextKind": "user",
                     *       "included": [
                     *         "ada",
                     *         "grace"
                     *       ],
                     *       "excluded": [
                     *         "mallory"
                     *       ],
                     *       "rules": [
                     *         {
                     *           "id": "staff",
                     *           "clauses": [
                     *             {
                     *               "attribute": "email",
                     *               "operator": "ends_with",
                     *               "values": [
                     *                 "@example.com"
                     *               ]
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        contextKind?: string;
                        description?: string;
                        /** @description Context keys never in it (unless included) */
                        excluded?: string[];
                        /** @description Context keys always in the segment */
                        included?: string[];
                        name?: string;
                        /** @description OR of rules; a context matching any rule is in */
                        rules?: {
                            /** @description AND of attribute clauses */
                            clauses: {
                                attribute: string;
                                contextKind?: string;
                                negate?: boolean;
                                /** @enum {string} */
                                operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                values: unknown[];
                            }[];
                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                            id?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contextKind?: string;
                            /** Format: date-time */
                            createdAt: string;
                            description?: string;
                            /** @description Context keys never in it (unless included) */
                            excluded?: string[];
                            /** @description Context keys always in the segment */
                            included?: string[];
                            key: string;
                            name?: string;
                            /** @description OR of rules; a context matching any rule is in */
                            rules?: {
                                /** @description AND of attribute clauses */
                                clauses: {
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id?: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Bumped by every change */
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description If-Match names a version that is no longer the current one: reload and edit again */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{project}/segments/{segment}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether a context is in the segment, and why; also for unsaved edits (a draft definition) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "context": {
                     *         "kind": "user",
                     *         "key": "ada",
                     *         "email": "ada@example.com"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Evaluation context: single-kind or multi-kind */
                        context: {
                            key?: string;
                            /** @description The context kind (default "user"), or "multi" */
                            kind?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /**
                         * @example {
                         *       "name": "Beta testers",
                         *       "description": "People who asked to try new features first",
                         *       "contextKind": "user",
                         *       "included": [
                         *         "ada",
                         *         "grace"
                         *       ],
                         *       "excluded": [
                         *         "mallory"
                         *       ],
                         *       "rules": [
                         *         {
                         *           "id": "staff",
                         *           "clauses": [
                         *             {
                         *               "attribute": "email",
                         *               "operator": "ends_with",
                         *               "values": [
                         *                 "@example.com"
                         *               ]
                         *             }
                         *           ]
                         *         }
                         *       ]
                         *     }
                         */
                        draft?: {
                            contextKind?: string;
                            description?: string;
                            /** @description Context keys never in it (unless included) */
                            excluded?: string[];
                            /** @description Context keys always in the segment */
                            included?: string[];
                            name?: string;
                            /** @description OR of rules; a context matching any rule is in */
                            rules?: {
                                /** @description AND of attribute clauses */
                                clauses: {
                                    attribute: string;
                                    contextKind?: string;
                                    negate?: boolean;
                                    /** @enum {string} */
                                    operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                    values: unknown[];
                                }[];
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                id?: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "saved": {
                         *         "contains": true,
                         *         "reason": "rule",
                         *         "rule": 0,
                         *         "ruleId": "staff"
                         *       }
                         *     }
                         */
                        "application/json": {
                            draft?: {
                                contains: boolean;
                                /** @description included key, excluded key, a rule matched, or no rule matched */
                                reason: "included" | "excluded" | "rule" | "no-rule";
                                /** @description The first rule that matched, from 0 */
                                rule?: number;
                                ruleId?: string;
                            };
                            saved: {
                                contains: boolean;
                                /** @description included key, excluded key, a rule matched, or no rule matched */
                                reason: "included" | "excluded" | "rule" | "no-rule";
                                /** @description The first rule that matched, from 0 */
                                rule?: number;
                                ruleId?: string;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found: a key or id in the path names nothing the caller can see */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state (a key already taken, a variation still in use…) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (1024 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            /** @description ok, or unavailable */
                            status: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The text format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/evaluate/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OFREP evaluateFlagsBulk: every flag the key may see, with an ETag (client and server keys) */
        post: {
            parameters: {
                query?: {
                    flagConfigEtag?: string;
                    flagConfigLastModified?: string;
                };
                header?: {
                    /** @description The ETag of your last answer: 304 if unchanged */
                    "if-none-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "context": {
                     *         "targetingKey": "ada",
                     *         "email": "ada@example.com",
                     *         "plan": "pro",
                     *         "country": "CA"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Attributes; `kind` names a context kind, or "multi" */
                        context: {
                            /** @description The context’s key */
                            targetingKey?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Every flag the key may see, evaluated */
                200: {
                    headers: {
                        /** @description A digest of the answer: send it as If-None-Match */
                        etag?: string;
                        /** @description The revision of the flags answered: a change notification naming it needs no re-fetch (its `etag`) */
                        "vexil-revision"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where to hear that flags changed */
                            eventStreams: {
                                endpoint?: {
                                    /** @description Resolved against the OFREP base URL */
                                    requestUri: string;
                                };
                                /** @enum {string} */
                                type: "sse";
                                /**
                                 * Format: uri
                                 * @description When VEXIL_PUBLIC_URL is set
                                 */
                                url?: string;
                            }[];
                            /** @description Every flag the key may see */
                            flags: ({
                                key: string;
                                /** @description `allocation`: the allocation that decided; `vexilReason`: Vexil’s reason where OFREP has no word for it */
                                metadata?: {
                                    [key: string]: boolean | string | number;
                                };
                                /** @enum {string} */
                                reason: "STATIC" | "TARGETING_MATCH" | "SPLIT" | "DISABLED" | "UNKNOWN";
                                /** @description The flag’s value; absent: use the code’s default (OFREP’s codeDefaultFlag) */
                                value?: unknown;
                                /** @description The variation’s key */
                                variant?: string;
                            } | {
                                /** @enum {string} */
                                errorCode: "PARSE_ERROR" | "TARGETING_KEY_MISSING" | "INVALID_CONTEXT" | "GENERAL";
                                errorDetails: string;
                                key: string;
                            })[];
                        };
                    };
                };
                /** @description Not modified: the answer would be the one If-None-Match names */
                304: {
                    headers: {
                        /** @description The revision of the flags answered: a change notification naming it needs no re-fetch (its `etag`) */
                        "vexil-revision"?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The body is not a JSON object, or its context is invalid; a URL that does not decode to UTF-8 is refused as a problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            errorCode: "PARSE_ERROR" | "INVALID_CONTEXT";
                            errorDetails: string;
                            key?: string;
                        };
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errorDetails: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/evaluate/flags/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OFREP evaluateFlag: one flag, evaluated for a context (client and server keys) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "context": {
                     *         "targetingKey": "ada",
                     *         "email": "ada@example.com",
                     *         "plan": "pro",
                     *         "country": "CA"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Attributes; `kind` names a context kind, or "multi" */
                        context: {
                            /** @description The context’s key */
                            targetingKey?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The flag’s value for the context */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            /** @description `allocation`: the allocation that decided; `vexilReason`: Vexil’s reason where OFREP has no word for it */
                            metadata?: {
                                [key: string]: boolean | string | number;
                            };
                            /** @enum {string} */
                            reason: "STATIC" | "TARGETING_MATCH" | "SPLIT" | "DISABLED" | "UNKNOWN";
                            /** @description The flag’s value; absent: use the code’s default (OFREP’s codeDefaultFlag) */
                            value?: unknown;
                            /** @description The variation’s key */
                            variant?: string;
                        };
                    };
                };
                /** @description The flag cannot be evaluated for this context (TARGETING_KEY_MISSING, PARSE_ERROR, GENERAL), or the body or context is invalid; a URL that does not decode to UTF-8 is refused as a problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            errorCode: "PARSE_ERROR" | "TARGETING_KEY_MISSING" | "INVALID_CONTEXT" | "GENERAL";
                            errorDetails: string;
                            key: string;
                        } | {
                            /** @enum {string} */
                            errorCode: "PARSE_ERROR" | "INVALID_CONTEXT";
                            errorDetails: string;
                            key?: string;
                        };
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description FLAG_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            errorCode: "FLAG_NOT_FOUND";
                            errorDetails: string;
                            key: string;
                        };
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A path segment is longer than any key or id */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errorDetails: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OFREP change notifications (Server-Sent Events), with the token from eventStreams or an SDK key */
        get: {
            parameters: {
                query?: {
                    /** @description The stream token of the bulk answer’s eventStreams */
                    token?: string;
                };
                header?: {
                    /** @description The revision you have heard of */
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Change notifications: `data: {"type":"refetchEvaluation","etag":"<revision>"}`, `id:` the revision */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description The query is invalid; a URL that does not decode to UTF-8 is refused as a problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            errorCode: "PARSE_ERROR" | "INVALID_CONTEXT";
                            errorDetails: string;
                            key?: string;
                        };
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errorDetails: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            /** @description ok, or unavailable */
                            status: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The database does not answer (the reason is logged) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            /** @description ok, or unavailable */
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The environment’s ruleset, for local evaluation (server keys) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description br or gzip are used when accepted */
                    "accept-encoding"?: string;
                    /** @description The ETag you have: 304 if it is current */
                    "if-none-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The environment’s ruleset, as @vexil/engine compiles it */
                200: {
                    headers: {
                        /** @description The revision, "42" */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Every flag that is not archived */
                            flags: {
                                allocations?: {
                                    bucketBy?: {
                                        attribute?: string;
                                        contextKind?: string;
                                    };
                                    conditions?: ({
                                        attribute: string;
                                        contextKind?: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                        values: unknown[];
                                    } | {
                                        negate?: boolean;
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        segment: string;
                                    })[];
                                    enabled?: boolean;
                                    /** @description ISO 8601 or epoch milliseconds */
                                    endAt?: string | number;
                                    exposure?: number;
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    id: string;
                                    name?: string;
                                    salt?: string;
                                    /** @description One variation, a weighted split, or imported Eppo shards */
                                    serve: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    } | {
                                        split: {
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                            weight: number;
                                        }[];
                                    } | {
                                        shards: {
                                            shards: {
                                                ranges: {
                                                    end: number;
                                                    start: number;
                                                }[];
                                                salt: string;
                                            }[];
                                            /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                            variation: string;
                                        }[];
                                        totalShards: number;
                                    };
                                    /** @description ISO 8601 or epoch milliseconds */
                                    startAt?: string | number;
                                    track?: boolean;
                                }[];
                                bucketBy?: {
                                    attribute?: string;
                                    contextKind?: string;
                                };
                                /** @description Client SDK keys may evaluate it */
                                clientSideAvailable?: boolean;
                                description?: string;
                                /** @description One variation, a weighted split, or imported Eppo shards */
                                fallthrough?: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                } | {
                                    split: {
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                        weight: number;
                                    }[];
                                } | {
                                    shards: {
                                        shards: {
                                            ranges: {
                                                end: number;
                                                start: number;
                                            }[];
                                            salt: string;
                                        }[];
                                        /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                        variation: string;
                                    }[];
                                    totalShards: number;
                                };
                                /** @description number flags only: every value is a whole number */
                                integer?: boolean;
                                key: string;
                                name?: string;
                                /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                offVariation?: string;
                                /** @description The kill switch: off serves offVariation and nothing else */
                                on: boolean;
                                prerequisites?: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    flag: string;
                                    variations: string[];
                                }[];
                                salt?: string;
                                tags?: string[];
                                targets?: {
                                    contextKind?: string;
                                    values: string[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    variation: string;
                                }[];
                                /** @description A release toggle, expected to be removed */
                                temporary?: boolean;
                                type: "boolean" | "string" | "number" | "json";
                                variations: {
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    key: string;
                                    name?: string;
                                    /** @description A value of the flag type */
                                    value: unknown;
                                }[];
                            }[];
                            /** @description The project’s segments */
                            segments: {
                                contextKind?: string;
                                description?: string;
                                /** @description Context keys never in it (unless included) */
                                excluded?: string[];
                                /** @description Context keys always in the segment */
                                included?: string[];
                                key: string;
                                name?: string;
                                /** @description OR of rules; a context matching any rule is in */
                                rules?: {
                                    /** @description AND of attribute clauses */
                                    clauses: {
                                        attribute: string;
                                        contextKind?: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "equals" | "not_equals" | "contains" | "not_contains" | "starts_with" | "ends_with" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "matches" | "semver_eq" | "semver_gt" | "semver_gte" | "semver_lt" | "semver_lte" | "before" | "after" | "exists" | "not_exists";
                                        values: unknown[];
                                    }[];
                                    /** @description Letters, digits, "-", "_" or "."; 1–128 characters */
                                    id?: string;
                                }[];
                            }[];
                            /** @description The environment’s revision; the ETag is it in quotes */
                            version: number;
                        };
                    };
                };
                /** @description Not modified: If-None-Match names the ETag */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A client key: this endpoint takes server keys */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Every flag this key may see, evaluated for one context (client and server keys) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "context": {
                     *         "kind": "user",
                     *         "key": "ada",
                     *         "email": "ada@example.com",
                     *         "plan": "pro"
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description Evaluation context: single-kind or multi-kind */
                        context: {
                            key?: string;
                            /** @description The context kind (default "user"), or "multi" */
                            kind?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description By flag key: every flag the key may see (client keys: client-side-available ones) */
                            flags: {
                                [key: string]: {
                                    /** @description The allocation that decided */
                                    allocation?: string;
                                    /** @enum {string} */
                                    errorCode?: "PARSE_ERROR" | "TYPE_MISMATCH" | "TARGETING_KEY_MISSING" | "GENERAL" | "FLAG_NOT_FOUND";
                                    /** @description With ERROR, for server keys only */
                                    errorMessage?: string;
                                    /** @enum {string} */
                                    reason: "STATIC" | "TARGETING_MATCH" | "SPLIT" | "DEFAULT" | "DISABLED" | "PREREQUISITE_FAILED" | "TRAFFIC_EXCLUDED" | "ERROR";
                                    /** @description Send an exposure event when the value is used */
                                    track?: boolean;
                                    /** @description The served value; absent when the caller’s default applies */
                                    value?: unknown;
                                    /** @description The served variation’s key */
                                    variation?: string;
                                };
                            };
                            /** @description The environment’s revision the values come from */
                            revision: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (64 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A batch of exposures, custom events, evaluation summaries and contexts (client and server keys) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "events": [
                     *         {
                     *           "kind": "exposure",
                     *           "flag": "new-checkout",
                     *           "variation": "on",
                     *           "allocation": "staff",
                     *           "context": {
                     *             "key": "ada",
                     *             "email": "ada@example.com"
                     *           },
                     *           "timestamp": 1795400100000
                     *         },
                     *         {
                     *           "kind": "custom",
                     *           "key": "checkout-completed",
                     *           "value": 42.5,
                     *           "context": {
                     *             "key": "ada"
                     *           },
                     *           "timestamp": 1795400160000
                     *         },
                     *         {
                     *           "kind": "summary",
                     *           "startDate": 1795400100000,
                     *           "endDate": 1795400160000,
                     *           "counters": [
                     *             {
                     *               "flag": "new-checkout",
                     *               "variation": "on",
                     *               "count": 17
                     *             },
                     *             {
                     *               "flag": "banner-text",
                     *               "count": 2
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "kind": "context",
                     *           "context": {
                     *             "kind": "device",
                     *             "key": "d-9",
                     *             "os": "iOS",
                     *             "_meta": {
                     *               "privateAttributes": [
                     *                 "os"
                     *               ]
                     *             }
                     *           },
                     *           "timestamp": 1795400100000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        events: ({
                            /**
                             * @description exposure, custom, summary, context
                             * @enum {unknown}
                             */
                            kind: "exposure" | "custom" | "summary" | "context";
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                    /**
                     * @example {
                     *       "events": [
                     *         {
                     *           "kind": "exposure",
                     *           "flag": "new-checkout",
                     *           "variation": "on",
                     *           "allocation": "staff",
                     *           "context": {
                     *             "key": "ada",
                     *             "email": "ada@example.com"
                     *           },
                     *           "timestamp": 1795400100000
                     *         },
                     *         {
                     *           "kind": "custom",
                     *           "key": "checkout-completed",
                     *           "value": 42.5,
                     *           "context": {
                     *             "key": "ada"
                     *           },
                     *           "timestamp": 1795400160000
                     *         },
                     *         {
                     *           "kind": "summary",
                     *           "startDate": 1795400100000,
                     *           "endDate": 1795400160000,
                     *           "counters": [
                     *             {
                     *               "flag": "new-checkout",
                     *               "variation": "on",
                     *               "count": 17
                     *             },
                     *             {
                     *               "flag": "banner-text",
                     *               "count": 2
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "kind": "context",
                     *           "context": {
                     *             "kind": "device",
                     *             "key": "d-9",
                     *             "os": "iOS",
                     *             "_meta": {
                     *               "privateAttributes": [
                     *                 "os"
                     *               ]
                     *             }
                     *           },
                     *           "timestamp": 1795400100000
                     *         }
                     *       ]
                     *     }
                     */
                    "text/plain": {
                        events: ({
                            /**
                             * @description exposure, custom, summary, context
                             * @enum {unknown}
                             */
                            kind: "exposure" | "custom" | "summary" | "context";
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Events stored (all of the batch: it is all or nothing) */
                            accepted: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than this route takes (512 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not JSON: send Content-Type: application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: the ruleset (put), then each change (patch, delete) (server keys) */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The revision you have: only the changes after it are sent */
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description event: put, patch, delete or goodbye; id: the revision; data: one line of JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid credentials (the answer carries WWW-Authenticate) */
                401: {
                    headers: {
                        /** @description Bearer realm="vexil" */
                        "www-authenticate"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A client key: this endpoint takes server keys */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The request did not arrive in time; answered before any route is chosen, and the connection closed */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The server failed; the error is logged */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details */
        Problem: {
            detail?: string;
            errors?: {
                message: string;
                path: string;
            }[];
            instance?: string;
            status: number;
            title: string;
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
