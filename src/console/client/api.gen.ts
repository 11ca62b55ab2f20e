// Generated from the OpenAPI document by scripts/gen-client.ts: do not edit; a test checks it is current.
export interface paths {
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and the store revision */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process serves HTTP (the database is not asked, so an outage does not restart replicas; /health is the readiness check) */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
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
        /** Sign in; sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token */
        post: operations["login"];
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
        /** End this session */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling, with the session CSRF token */
        get: operations["getMe"];
        put?: never;
        post?: never;
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
        /** Change your own password (closes your sessions); needs the current password and code */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start enrolling a second factor (TOTP): needs your password, and your current code to replace one */
        post: operations["setupTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish enrolling: a current code from the new secret turns it on; answers ten single-use recovery codes, shown this once */
        post: operations["enableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace your recovery codes (the old ones stop working): password and second factor; shown this once */
        post: operations["newRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn your second factor off (password and a current code or a recovery code); its recovery codes go too */
        post: operations["disableTotp"];
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
        /** How one may sign in: a password, and single sign-on where configured */
        get: operations["getSignInProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start single sign-on: redirects to the provider (authorization code with PKCE) */
        get: operations["startSso"];
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
        /** The provider redirects here; sets the session cookie and redirects to the Console (errors as #sso-error=) */
        get: operations["finishSso"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models, timeframes and parameters of the catalog */
        get: operations["getCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search keys: text, model, timeframe, parameter, kind, state; paginated on the server */
        get: operations["searchKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/params": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The parameter view: one row per model, timeframe and parameter with default, range and scale together, native name and doc */
        get: operations["searchParams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One key with its value, state, problems and warnings */
        get: operations["getKey"];
        /** Set one key, an override (KEY@UNI, KEY@group:NAME) or a group (group:NAME = TOKEN,...;priority=N) as a change-set of one */
        put: operations["setKey"];
        post?: never;
        /** Remove one key or override (a reason is required; a required key also needs force, as coverage drops below 100 %) */
        delete: operations["unsetKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/changesets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The change log by change-set, newest first: who, when (UTC), why, how many keys and the first five; the same filters as /changes (a key filter keeps change-sets that touched it); paged with `before` (a change-set id) */
        get: operations["listChangesets"];
        put?: never;
        /** Set many keys as one all-or-nothing change-set; baseRevision makes a concurrent change a 409 instead of an overwrite */
        post: operations["applyChangeset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview staged values: the catalog's problems and warnings, what changes, and the coverage after (nothing is written) */
        post: operations["validateChanges"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every stored value as canonical text, with the store revision (what the CLI and SDKs read). ETag "r<revision>-<stamp>" (the revision and its commit time); If-None-Match answers 304 while nothing changed; with wait=N, a long poll that answers as soon as they do */
        get: operations["getValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/grid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One parameter across models and timeframes */
        get: operations["getGrid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Required keys present and valid (what hpconf audit reports) */
        get: operations["getCoverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored values as env, dotenv, json or a Kubernetes ConfigMap */
        get: operations["exportValues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The change log, newest first: filter by key, actor, text, time, change-set; paged with `before` */
        get: operations["listChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/changesets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One change-set: who, when, why, every old and new value */
        get: operations["getChangeset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/changesets/{id}/revert/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What reverting a change-set (or some of its keys) would write, with the coverage after; nothing is written */
        post: operations["previewRevert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/changesets/{id}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a change-set (or some of its keys) as a new change-set, with a reason; 409 if a key changed since, or if required keys would be unset without force */
        post: operations["revertChangeset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Named sets of values (built-in and saved) */
        get: operations["listPresets"];
        put?: never;
        /** Save a preset (a value bundle, as catalog/baseline.json but partial) */
        post: operations["createPreset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/presets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One preset with its bundle */
        get: operations["getPreset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/presets/{name}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What applying the preset to these models and timeframes would change */
        post: operations["previewPreset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/presets/{name}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply the preset as one change-set */
        post: operations["applyPreset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["listUsers"];
        put?: never;
        /** Create a user (must change the password at first sign-in) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a role, disable or re-enable, reset a password (one-time: the user must replace it) or a lost second factor; closes the user's sessions */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens (never their secret), with expiry, last use and whether they still act */
        get: operations["listTokens"];
        put?: never;
        /** Create an API token with read or write scope; the secret is shown once. It stops acting if its creator is disabled or stops being an admin */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
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
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fallbacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Keys that fell back in the last N days (7 by default): count, last time, where */
        get: operations["listFallbacks"];
        put?: never;
        /** An SDK reports that a key fell back (read scope is enough: it changes no value) */
        post: operations["reportFallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your staged changes (kept on the server across reloads and devices) */
        get: operations["getDraft"];
        /** Replace your staged changes */
        put: operations["saveDraft"];
        post?: never;
        /** Discard your staged changes */
        delete: operations["discardDraft"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The change requests of the environment (or every environment with all=true), newest first */
        get: operations["listRequests"];
        put?: never;
        /** Propose a change-set for the environment: checked like a write (values, rules, coverage after), then open for review */
        post: operations["createRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One change request: its keys (old and new), approvals, history, and the checks a write of it would get now */
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/comment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on a change request */
        post: operations["commentRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve the current version (signed-in writers other than the author; a token approves as the user who made it) */
        post: operations["approveRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/request-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the author for changes (a reviewer; the request stays open for an edit) */
        post: operations["requestChangesRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject, with a reason (final) */
        post: operations["rejectRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a request (its author or an admin) */
        post: operations["closeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a draft for review (its author) */
        post: operations["submitRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply an approved request at a time (within 60 s of it, exactly once) */
        post: operations["scheduleRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/edit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the proposal (its author): a new version; every approval of the old one is void */
        post: operations["editRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply an approved request as one change-set: 409 if a key moved since its base revision (the keys named), or if it lacks valid approvals */
        post: operations["applyRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every environment: its keys, last change, review policy, and whether the legacy row mirrors it */
        get: operations["listEnvironments"];
        put?: never;
        /** A new environment holding a copy of another's values (default: default), as its first change-set */
        post: operations["createEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/environments/{name}/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** How many approvals a change needs, and from whom; a Console may tighten a policy, only the store owner (the CLI on the store itself) loosens a protected one */
        put: operations["setEnvironmentPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks with their delivery counts (never their secret) */
        get: operations["listWebhooks"];
        put?: never;
        /** Add a webhook: a signed POST per event, retried with backoff; loopback and private addresses only with allowPrivate. No reachability check */
        post: operations["addWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Stop delivering to a webhook (its deliveries stay in the log) */
        delete: operations["removeWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first: state, attempts, the last status or error */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The environment's recorded fine-tune runs, newest first (a model or token: runs that trained it), with both gates and the studies with skill */
        get: operations["listRuns"];
        put?: never;
        /** Record a fine-tune run (hpconf ftf run and collect do); the same run again replaces its studies; another environment or revision under its id is 409 */
        post: operations["recordRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run: the store state it trained with, both gates, and per study the defaults trial and the best trial with their intervals */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runs/{id}/compare/{other}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Two runs for one model and token: the values its workers got that differ (with the layer of each) and the best trial's values that differ */
        get: operations["compareRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/skill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model x timeframe x token over the environment's runs, oldest first: the best trial's test margins with their intervals, and the change-sets between runs that wrote a key it reads */
        get: operations["skillSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: `revision` the moment the store moves (any writer, any Console process), `request` when a change request moves (its id), `ping` every 15 s; SDKs may subscribe to it too */
        get: operations["streamEvents"];
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
        Error: {
            error: {
                /** @description a stable code from spec/errors.json, e.g. HPC_STORE_CONFLICT */
                code: string;
                message: string;
                /** @description structured detail: the conflicts, problems or coverage drop */
                detail?: unknown;
            };
        };
        KeyPage: {
            revision: number;
            total: number;
            page: number;
            pageSize: number;
            counts: {
                set: number;
                missing: number;
                invalid: number;
            };
            items: components["schemas"]["KeyRow"][];
        };
        KeyRow: {
            key: string;
            /** @enum {string} */
            kind: "default" | "min" | "max" | "scale" | "global";
            model: string | null;
            timeframe: string | null;
            param: string | null;
            type: string;
            domain: string;
            values: string[] | null;
            secret: boolean;
            native: string | null;
            aliases: string[];
            doc: string;
            value: string | null;
            /** @enum {string} */
            state: "set" | "missing" | "invalid";
            revision: number | null;
            updatedBy: string | null;
            updatedAt: string | null;
            problems: string[];
            warnings: string[];
            /** @description with segment=: the layer giving the value (the segment itself, a group, or base) */
            layer?: string;
            /** @description with segment=: the base value under the override */
            base?: string | null;
            /** @description with segment=: the segment's own override (null where it inherits): what an edit replaces */
            own?: string | null;
            /** @description the parameter view: this key's overrides, per token or group */
            overrides?: {
                segment: string;
                value: string;
            }[];
        };
        ParamPage: {
            revision: number;
            total: number;
            page: number;
            pageSize: number;
            counts: {
                set: number;
                missing: number;
                invalid: number;
            };
            items: components["schemas"]["ParamRow"][];
            /** @description the segment shown: cell keys are its addresses (KEY@SEGMENT) */
            segment?: string;
        };
        ParamRow: {
            model: string | null;
            timeframe: string | null;
            param: string;
            library: string | null;
            native: string | null;
            aliases: string[];
            doc: string;
            type: string;
            domain: string;
            domainRaw: {
                min?: number;
                max?: number;
                minExclusive?: boolean;
                maxExclusive?: boolean;
                extra?: number[];
            } | null;
            logAllowed: boolean;
            searchable: boolean;
            /** @enum {string} */
            state: "set" | "missing" | "invalid";
            cells: {
                default: components["schemas"]["KeyRow"];
                min?: components["schemas"]["KeyRow"];
                max?: components["schemas"]["KeyRow"];
                scale?: components["schemas"]["KeyRow"];
            };
            problems: string[];
            warnings: string[];
        };
        WriteResult: {
            changesetId: number | null;
            revision: number;
            changes: {
                revision: number;
                key: string;
                oldValue: string | null;
                newValue: string | null;
            }[];
            warnings: {
                key: string;
                code: string;
                message: string;
            }[];
        };
        Plan: {
            ok: boolean;
            revision: number;
            problems: {
                key: string;
                keys: string[];
                code: string;
                message: string;
            }[];
            warnings: {
                key: string;
                keys: string[];
                code: string;
                message: string;
            }[];
            changes: {
                key: string;
                old: string | null;
                new: string | null;
            }[];
            coverage: {
                required: number;
                presentAfter: number;
                percentAfter: number;
                unsets: string[];
            };
        };
        HistoryEntry: {
            revision: number;
            key: string;
            oldValue: string | null;
            newValue: string | null;
            changesetId: number;
            actor: string;
            /** @enum {string} */
            actorKind: "user" | "token" | "cli" | "seed" | "system";
            reason: string;
            /** @description ISO 8601 time */
            at: string;
            reverts: number | null;
            environment: string;
            changeRequest: number | null;
            breakGlass: boolean;
        };
        ChangeRequest: {
            id: number;
            environment: string;
            author: string;
            reason: string;
            /** @enum {string} */
            state: "draft" | "open" | "approved" | "applied" | "rejected" | "scheduled" | "suspended" | "closed";
            version: number;
            baseRevision: number;
            /** @description approvals it needs now: the larger of its own count (the policy when it opened) and the policy now */
            need: number;
            /** @description valid approvals of the current version (by active writers other than the author, among the approvers) */
            have: number;
            approvers: string[] | null;
            force: boolean;
            scheduledAt: string | null;
            /** @description ISO 8601 time */
            createdAt: string;
            /** @description ISO 8601 time */
            updatedAt: string;
            changesetId: number | null;
            items: {
                key: string;
                old: string | null;
                new: string | null;
            }[];
            approvals: {
                user: string;
                actor: string;
                version: number;
                /** @description ISO 8601 time */
                at: string;
                valid: boolean;
            }[];
            events: {
                id: number;
                kind: string;
                version: number;
                actor: string;
                body: string;
                /** @description ISO 8601 time */
                at: string;
            }[];
            /** @description what the proposal rests on (ftf promote: the run and per study the best trial against the defaults), or null */
            evidence: ({
                /** @constant */
                kind: "ftf-promote";
                run: {
                    id: string;
                    environment: string;
                    revision: number;
                    dir: string;
                };
                studies: {
                    model: string;
                    timeframe: string;
                    token: string;
                    target: string;
                    study: string | null;
                    bestTrial: number;
                    defaultsTrial: number | null;
                    objective: string;
                    validation: {
                        best: number;
                        defaults: number | null;
                    };
                    test: {
                        f1: {
                            value: number;
                            low: number;
                            high: number;
                        };
                        prAuc: {
                            value: number;
                            low: number;
                            high: number;
                        };
                    };
                    improves: boolean;
                    keys: {
                        key: string;
                        current: string | null;
                        trial: number | string;
                    }[];
                }[];
                skipped: {
                    model: string;
                    token: string;
                    why: string;
                }[];
                forced: boolean;
            } | {
                /** @constant */
                kind: "ftf-suggest-ranges";
                run: {
                    id: string;
                    environment: string;
                    revision: number;
                    dir: string;
                };
                rule: {
                    crowd: number;
                    crowdShare: number;
                    outer: number;
                    minTrials: number;
                };
                proposals: {
                    model: string;
                    timeframe: string;
                    param: string;
                    key: string;
                    /** @enum {string} */
                    side: "min" | "max";
                    /** @enum {string} */
                    action: "widen" | "narrow";
                    current: number;
                    proposed: number;
                    good: number;
                    near: number;
                    trials: number;
                    values: number[];
                }[];
                notes: string[];
            }) | null;
            /** @description the checks a write of it would get now: problems, warnings, coverage after */
            checks?: components["schemas"]["Plan"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        store: string;
                        revision: number;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    totp?: string;
                    recovery?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            username: string;
                            /** @enum {string} */
                            role: "viewer" | "operator" | "admin";
                            mustChangePassword: boolean;
                            totp: boolean;
                        };
                        csrf: string;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "user" | "token";
                        name: string;
                        /** @enum {string} */
                        role: "viewer" | "operator" | "admin";
                        csrf: string | null;
                        mustChangePassword: boolean;
                        totp: boolean;
                        /** @description unused recovery codes, where a second factor is on */
                        recoveryCodesLeft: number | null;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current: string;
                    next: string;
                    totp?: string;
                    recovery?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        note: string;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setupTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    totp?: string;
                    recovery?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        secret: string;
                        uri: string;
                        /** @description an SVG image of the otpauth:// URI */
                        qrSvg: string;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        /** @description single-use recovery codes, shown this once (only their hashes are kept) */
                        recoveryCodes: string[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    newRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    totp?: string;
                    recovery?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description single-use recovery codes, shown this once (only their hashes are kept) */
                        recoveryCodes: string[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    totp?: string;
                    recovery?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSignInProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description local users sign in with a password (kept for break-glass)
                         * @constant
                         */
                        password: true;
                        oidc: {
                            label: string;
                            start: string;
                        } | null;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                    "application/yaml": string;
                    "text/plain": string;
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    finishSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                    "application/yaml": string;
                    "text/plain": string;
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCatalog: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        prefix: string;
                        models: string[];
                        timeframes: string[];
                        params: {
                            [key: string]: string[];
                        };
                        globals: string[];
                        keys: number;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchKeys: {
        parameters: {
            query?: {
                /** @description words that must each match a key segment, a library, a native name, an alias or a doc word */
                q?: string;
                /** @description XGB, LGB or CB */
                model?: string;
                /** @description 1M, 5M, 15M, 30M or 1H */
                timeframe?: string;
                /** @description a parameter, e.g. LEARNING_RATE */
                param?: string;
                /** @description default, range or global keys */
                kind?: "default" | "range" | "global";
                /** @description set, missing or invalid */
                state?: "set" | "missing" | "invalid";
                /** @description page number, from 1 */
                page?: number;
                /** @description rows per page */
                pageSize?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyPage"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchParams: {
        parameters: {
            query?: {
                /** @description words that must each match a key segment, a library, a native name, an alias or a doc word */
                q?: string;
                /** @description XGB, LGB or CB */
                model?: string;
                /** @description 1M, 5M, 15M, 30M or 1H */
                timeframe?: string;
                /** @description a parameter, e.g. LEARNING_RATE */
                param?: string;
                /** @description set, missing or invalid */
                state?: "set" | "missing" | "invalid";
                /** @description page number, from 1 */
                page?: number;
                /** @description rows per page */
                pageSize?: number;
                /** @description show a segment: each cell its effective value, the layer that gives it, and the address an edit writes (KEY@SEGMENT) */
                segment?: string;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParamPage"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getKey: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a catalog key, e.g. CVN_HPO_XGB_5M_LEARNING_RATE */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyRow"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setKey: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a catalog key, e.g. CVN_HPO_XGB_5M_LEARNING_RATE */
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value: string;
                    baseRevision?: number;
                    /** @default  */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WriteResult"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unsetKey: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a catalog key, e.g. CVN_HPO_XGB_5M_LEARNING_RATE */
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    baseRevision?: number;
                    reason: string;
                    /** @default false */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WriteResult"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listChangesets: {
        parameters: {
            query?: {
                /** @description exactly this key */
                key?: string;
                /** @description keys containing this text (any case) */
                keyLike?: string;
                /** @description actors containing this text (any case) */
                actor?: string;
                /** @description key, actor or reason containing this text (any case) */
                q?: string;
                /** @description from this time */
                since?: string;
                /** @description until this time */
                until?: string;
                /** @description one change-set */
                changeset?: number;
                /** @description at most this many rows */
                limit?: number;
                /** @description revisions below this one (the next page) */
                before?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            actor: string;
                            actorKind: string;
                            reason: string;
                            /** @description ISO 8601 time */
                            at: string;
                            reverts: number | null;
                            keys: number;
                            revision: number;
                            firstKeys: string[];
                            environment: string;
                            /** @description the change request it applied */
                            changeRequest: number | null;
                            /** @description written by the store owner past the review policy */
                            breakGlass: boolean;
                            /** @description who approved that request */
                            approvedBy: string[];
                        }[];
                        nextBefore: number | null;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    applyChangeset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    changes: {
                        key: string;
                        value: string | null;
                    }[];
                    baseRevision?: number;
                    /** @default  */
                    reason?: string;
                    /**
                     * @description needed to unset required keys (coverage would drop below 100 %)
                     * @default false
                     */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WriteResult"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    validateChanges: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    changes: {
                        key: string;
                        value: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getValues: {
        parameters: {
            query?: {
                /** @description long poll: with If-None-Match naming the current ETag, hold the answer up to this many seconds until the values change */
                wait?: number;
                /** @description the values as they stood at this revision (rebuilt from the change log): a run pinned to one revision reads the same values in every task, whatever is edited meanwhile */
                revision?: number;
                /** @description flatten this segment (token, then its groups by priority, then the base) to the base names; `layers` names each value that is not the base's */
                segment?: string;
                /** @description every address: base values, overrides (KEY@SEGMENT) and group definitions (group:NAME), for a resolver that picks its segment itself */
                layered?: "1" | "true";
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: {
                /** @description the ETag of the body the caller holds */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    /** @description "r<revision>-<stamp>": the store revision the body was built at and the time of its head commit (two stores at one revision differ) */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        store: string;
                        values: {
                            [key: string]: string;
                        };
                        /** @description with segment=: the layer of each value that is not the base's (the token, or group:NAME) */
                        layers?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description not modified: If-None-Match names the current ETag (with wait=N, after waiting for a change) */
            304: {
                headers: {
                    /** @description "r<revision>-<stamp>": the store revision the body was built at and the time of its head commit (two stores at one revision differ) */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getGrid: {
        parameters: {
            query: {
                /** @description a parameter, e.g. LEARNING_RATE */
                param: string;
                /** @description default, min, max or scale */
                part?: "default" | "min" | "max" | "scale";
                /** @description the grid seen from a segment: effective values, their layers, addresses to edit */
                segment?: string;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        param: string;
                        part: string;
                        models: string[];
                        timeframes: string[];
                        cells: components["schemas"]["KeyRow"][];
                        segment?: string;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCoverage: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        required: number;
                        valid: number;
                        percent: number;
                        complete: boolean;
                        missing: string[];
                        invalid: string[];
                        warnings: {
                            key: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportValues: {
        parameters: {
            query?: {
                /** @description env, dotenv, json or k8s */
                format?: "env" | "dotenv" | "json" | "k8s";
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: {
                /** @description the ETag of the body the caller holds */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    /** @description "r<revision>-<stamp>": the store revision the body was built at and the time of its head commit (two stores at one revision differ) */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                    "application/yaml": string;
                    "text/plain": string;
                };
            };
            /** @description not modified: If-None-Match names the current ETag (with wait=N, after waiting for a change) */
            304: {
                headers: {
                    /** @description "r<revision>-<stamp>": the store revision the body was built at and the time of its head commit (two stores at one revision differ) */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listChanges: {
        parameters: {
            query?: {
                /** @description exactly this key */
                key?: string;
                /** @description keys containing this text (any case) */
                keyLike?: string;
                /** @description actors containing this text (any case) */
                actor?: string;
                /** @description key, actor or reason containing this text (any case) */
                q?: string;
                /** @description from this time */
                since?: string;
                /** @description until this time */
                until?: string;
                /** @description one change-set */
                changeset?: number;
                /** @description at most this many rows */
                limit?: number;
                /** @description revisions below this one (the next page) */
                before?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["HistoryEntry"][];
                        nextBefore: number | null;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getChangeset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        actor: string;
                        actorKind: string;
                        reason: string;
                        /** @description ISO 8601 time */
                        at: string;
                        reverts: number | null;
                        changes: components["schemas"]["HistoryEntry"][];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewRevert: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    keys?: string[];
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        revision: number;
                        problems: {
                            key: string;
                            keys: string[];
                            code: string;
                            message: string;
                        }[];
                        warnings: {
                            key: string;
                            keys: string[];
                            code: string;
                            message: string;
                        }[];
                        changes: {
                            key: string;
                            old: string | null;
                            new: string | null;
                        }[];
                        coverage: {
                            required: number;
                            presentAfter: number;
                            percentAfter: number;
                            unsets: string[];
                        };
                        changesetId: number;
                        actor: string;
                        actorKind: string;
                        reason: string;
                        /** @description ISO 8601 time */
                        at: string;
                        seed: boolean;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revertChangeset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    baseRevision?: number;
                    /** @description revert only these keys of the change-set */
                    keys?: string[];
                    /**
                     * @description needed when the revert unsets required keys (coverage would drop below 100 %)
                     * @default false
                     */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WriteResult"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPresets: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            description: string;
                            builtin: boolean;
                            createdBy: string;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPreset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default  */
                    description?: string;
                    bundle: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        name?: string;
                        username?: string;
                        /** @enum {string} */
                        role?: "viewer" | "operator" | "admin";
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPreset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a preset or environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        builtin: boolean;
                        createdBy: string;
                        bundle: unknown;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewPreset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a preset or environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    models?: string[];
                    timeframes?: string[];
                    /** @default false */
                    globals?: boolean;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        changes: {
                            key: string;
                            old: string | null;
                            new: string | null;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    applyPreset: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a preset or environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    models?: string[];
                    timeframes?: string[];
                    /** @default false */
                    globals?: boolean;
                    baseRevision?: number;
                    /** @default  */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WriteResult"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            username: string;
                            /** @enum {string} */
                            role: "viewer" | "operator" | "admin";
                            totp_enabled: boolean;
                            must_change_password: boolean;
                            disabled: boolean;
                            created_at: unknown;
                            last_sign_in: unknown;
                            /** @description whether this user's approvals count */
                            approver: boolean;
                            /** @description signs in through the identity provider */
                            sso: boolean;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    /** @enum {string} */
                    role: "viewer" | "operator" | "admin";
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        name?: string;
                        username?: string;
                        /** @enum {string} */
                        role?: "viewer" | "operator" | "admin";
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a user name */
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "viewer" | "operator" | "admin";
                    disabled?: boolean;
                    password?: string;
                    /** @constant */
                    resetTotp?: true;
                    /** @description whether the user's approvals count (a provider's user gets it from the claim at each sign-in) */
                    approver?: boolean;
                };
            };
        };
        responses: {
            /** @description changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            name: string;
                            /** @enum {string} */
                            scope: "read" | "write";
                            created_by: string;
                            created_at: unknown;
                            last_used_at: unknown;
                            revoked_at: unknown;
                            expires_at: unknown;
                            active: boolean;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    scope: "read" | "write";
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        /** @enum {string} */
                        scope: "read" | "write";
                        /** @description shown once */
                        token: string;
                        expiresAt: string | null;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFallbacks: {
        parameters: {
            query?: {
                /** @description the last N days */
                days?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        days: number;
                        items: {
                            key: string;
                            model: string | null;
                            timeframe: string | null;
                            param: string | null;
                            count: number;
                            /** @description ISO 8601 time */
                            last: string;
                            reporters: string[];
                            hosts: string[];
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportFallback: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    fallback: string;
                    /** @default  */
                    host?: string;
                    model?: string;
                    timeframe?: string;
                    param?: string;
                };
            };
        };
        responses: {
            /** @description done */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDraft: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        baseRevision: number | null;
                        /** @description the environment the staged changes are for */
                        environment: string | null;
                        items: {
                            key: string;
                            old: string | null;
                            value: string | null;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    saveDraft: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    baseRevision: number;
                    items: {
                        key: string;
                        old: string | null;
                        value: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        count: number;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    discardDraft: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRequests: {
        parameters: {
            query?: {
                /** @description set, missing or invalid */
                state?: "draft" | "open" | "approved" | "applied" | "rejected" | "scheduled" | "suspended" | "closed";
                /** @description every environment, not only the one named */
                all?: "true" | "false";
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            environment: string;
                            author: string;
                            reason: string;
                            /** @enum {string} */
                            state: "draft" | "open" | "approved" | "applied" | "rejected" | "scheduled" | "suspended" | "closed";
                            version: number;
                            keys: number;
                            have: number;
                            need: number;
                            /** @description ISO 8601 time */
                            createdAt: string;
                            /** @description ISO 8601 time */
                            updatedAt: string;
                            scheduledAt: string | null;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    changes?: {
                        key: string;
                        value: string | null;
                    }[];
                    /** @description propose undoing a change-set (or some of its keys) instead of giving the changes (secret values never travel) */
                    revert?: {
                        changeset: number;
                        keys?: string[];
                    };
                    reason: string;
                    /** @default false */
                    draft?: boolean;
                    /**
                     * @description the proposal unsets required keys knowingly (coverage drops)
                     * @default false
                     */
                    force?: boolean;
                    /** @description what the proposal rests on: ftf promote sends the run and, per study, the best trial against the defaults on test */
                    evidence?: {
                        /** @constant */
                        kind: "ftf-promote";
                        run: {
                            id: string;
                            environment: string;
                            revision: number;
                            dir: string;
                        };
                        studies: {
                            model: string;
                            timeframe: string;
                            token: string;
                            target: string;
                            study: string | null;
                            bestTrial: number;
                            defaultsTrial: number | null;
                            objective: string;
                            validation: {
                                best: number;
                                defaults: number | null;
                            };
                            test: {
                                f1: {
                                    value: number;
                                    low: number;
                                    high: number;
                                };
                                prAuc: {
                                    value: number;
                                    low: number;
                                    high: number;
                                };
                            };
                            improves: boolean;
                            keys: {
                                key: string;
                                current: string | null;
                                trial: number | string;
                            }[];
                        }[];
                        skipped: {
                            model: string;
                            token: string;
                            why: string;
                        }[];
                        forced: boolean;
                    } | {
                        /** @constant */
                        kind: "ftf-suggest-ranges";
                        run: {
                            id: string;
                            environment: string;
                            revision: number;
                            dir: string;
                        };
                        rule: {
                            crowd: number;
                            crowdShare: number;
                            outer: number;
                            minTrials: number;
                        };
                        proposals: {
                            model: string;
                            timeframe: string;
                            param: string;
                            key: string;
                            /** @enum {string} */
                            side: "min" | "max";
                            /** @enum {string} */
                            action: "widen" | "narrow";
                            current: number;
                            proposed: number;
                            good: number;
                            near: number;
                            trials: number;
                            values: number[];
                        }[];
                        notes: string[];
                    };
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    commentRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approveRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestChangesRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rejectRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    closeRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    scheduleRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description ISO 8601 with Z or an offset
                     */
                    at: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    editRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default [] */
                    changes?: {
                        key: string;
                        value: string | null;
                    }[];
                    drop?: string[];
                    reason?: string;
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequest"];
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    applyRequest: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        request: components["schemas"]["ChangeRequest"];
                        result: components["schemas"]["WriteResult"];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEnvironments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            keys: number;
                            revision: number;
                            approvals: number;
                            approvers: string[] | null;
                            legacy: boolean;
                            createdBy: string;
                            /** @description ISO 8601 time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    from?: string;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        keys: number;
                        changesetId: number | null;
                        revision: number;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setEnvironmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a preset or environment name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    approvals: number;
                    /** @default null */
                    approvers?: string[] | null;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        environment: string;
                        approvals: number;
                        approvers: string[] | null;
                        actor: string;
                        reason: string;
                        /** @description ISO 8601 time */
                        at: string;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            url: string;
                            events: string[] | null;
                            allowPrivate: boolean;
                            createdBy: string;
                            createdAt: string;
                            pending: number;
                            delivered: number;
                            failed: number;
                        }[];
                        /** @description the event kinds there are */
                        events: string[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addWebhook: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    /** @description signs each body (X-Hpconf-Signature: sha256=<hex HMAC>); never shown again */
                    secret: string;
                    /** @description every event when absent */
                    events?: ("request.opened" | "request.approved" | "request.changes_requested" | "request.rejected" | "request.scheduled" | "request.suspended" | "request.applied" | "request.closed" | "values.changed" | "coverage.dropped")[];
                    /** @description allow a loopback or private address (refused otherwise) */
                    allowPrivate?: boolean;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        url: string;
                        events: string[] | null;
                        allowPrivate: boolean;
                        createdBy: string;
                        createdAt: string;
                        pending: number;
                        delivered: number;
                        failed: number;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeWebhook: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description webhook */
                webhook?: number;
                /** @description at most this many rows */
                limit?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            webhookId: number;
                            eventId: number;
                            kind: string;
                            environment: string | null;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "failed";
                            attempts: number;
                            nextAt: string;
                            lastStatus: number | null;
                            lastError: string | null;
                            deliveredAt: string | null;
                            at: string;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRuns: {
        parameters: {
            query?: {
                /** @description XGB, LGB or CB */
                model?: string;
                /** @description token */
                token?: string;
                /** @description at most this many rows */
                limit?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            environment: string;
                            revision: number;
                            createdAt: string;
                            recordedBy: string;
                            timeframe: string;
                            models: string[];
                            tokens: string[];
                            wallSeconds: number;
                            dir: string;
                            skillPass: boolean;
                            f1Pass: boolean;
                            deciding: string;
                            studies: number;
                            withSkill: number;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recordRun: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    environment: string;
                    revision: number;
                    createdAt: string;
                    wallSeconds: number;
                    timeframe: string;
                    models: string[];
                    tokens: string[];
                    dir: string;
                    studyStorage: string;
                    dataDir: string;
                    label: string | null;
                    quote?: string;
                    gates: {
                        /** @enum {string} */
                        deciding: "skill" | "f1";
                        skill: {
                            pass: boolean;
                            minTokens: number;
                            perModel: {
                                [key: string]: {
                                    passing: number;
                                    of: number;
                                    pass: boolean;
                                };
                            };
                        };
                        f1: {
                            pass: boolean;
                            minF1: number;
                            minTokens: number;
                            perModel: {
                                [key: string]: {
                                    passing: number;
                                    of: number;
                                    pass: boolean;
                                };
                            };
                        };
                    };
                    layers: {
                        [key: string]: {
                            [key: string]: string;
                        };
                    };
                    configured: {
                        [key: string]: string;
                    };
                    studies: {
                        model: string;
                        token: string;
                        ok: boolean;
                        error: string | null;
                        study: string | null;
                        storage: string | null;
                        manifest: string;
                        spaceHash: string | null;
                        objective: string | null;
                        nTrials: number | null;
                        storageSpec: string | null;
                        signature: {
                            [key: string]: unknown;
                        } | null;
                        warmStart: string | null;
                        defaults: {
                            trial: number | null;
                            validation: {
                                f1: number;
                                prAuc: number;
                                objective: number | null;
                            };
                            test: {
                                f1: number;
                                prAuc: number;
                                alwaysBuyF1: number;
                                positiveRate: number;
                                predictedBuyRate: number;
                                f1Margin: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                } | null;
                                prAucMargin: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                } | null;
                                skill: boolean | null;
                            };
                        } | null;
                        best: {
                            trial: number | null;
                            validation: {
                                f1: number;
                                prAuc: number;
                                objective: number | null;
                            };
                            test: {
                                f1: number;
                                prAuc: number;
                                alwaysBuyF1: number;
                                positiveRate: number;
                                predictedBuyRate: number;
                                f1Margin: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                } | null;
                                prAucMargin: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                } | null;
                                skill: boolean | null;
                            };
                        } | null;
                        params: {
                            [key: string]: number | string;
                        } | null;
                        versusDefaults: {
                            f1: {
                                value: number;
                                lo: number;
                                hi: number;
                            };
                            prAuc: {
                                value: number;
                                lo: number;
                                hi: number;
                            };
                        } | null;
                        overrides?: {
                            [key: string]: string;
                        } | null;
                        seconds: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created: boolean;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is larger than the route accepts (HPC_BODY_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the body is not application/json (HPC_CONTENT_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRun: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        environment: string;
                        revision: number;
                        createdAt: string;
                        wallSeconds: number;
                        timeframe: string;
                        models: string[];
                        tokens: string[];
                        dir: string;
                        studyStorage: string;
                        dataDir: string;
                        label: string | null;
                        quote?: string;
                        gates: {
                            /** @enum {string} */
                            deciding: "skill" | "f1";
                            skill: {
                                pass: boolean;
                                minTokens: number;
                                perModel: {
                                    [key: string]: {
                                        passing: number;
                                        of: number;
                                        pass: boolean;
                                    };
                                };
                            };
                            f1: {
                                pass: boolean;
                                minF1: number;
                                minTokens: number;
                                perModel: {
                                    [key: string]: {
                                        passing: number;
                                        of: number;
                                        pass: boolean;
                                    };
                                };
                            };
                        };
                        layers: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
                        configured: {
                            [key: string]: string;
                        };
                        studies: {
                            model: string;
                            token: string;
                            ok: boolean;
                            error: string | null;
                            study: string | null;
                            storage: string | null;
                            manifest: string;
                            spaceHash: string | null;
                            objective: string | null;
                            nTrials: number | null;
                            storageSpec: string | null;
                            signature: {
                                [key: string]: unknown;
                            } | null;
                            warmStart: string | null;
                            defaults: {
                                trial: number | null;
                                validation: {
                                    f1: number;
                                    prAuc: number;
                                    objective: number | null;
                                };
                                test: {
                                    f1: number;
                                    prAuc: number;
                                    alwaysBuyF1: number;
                                    positiveRate: number;
                                    predictedBuyRate: number;
                                    f1Margin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    prAucMargin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    skill: boolean | null;
                                };
                            } | null;
                            best: {
                                trial: number | null;
                                validation: {
                                    f1: number;
                                    prAuc: number;
                                    objective: number | null;
                                };
                                test: {
                                    f1: number;
                                    prAuc: number;
                                    alwaysBuyF1: number;
                                    positiveRate: number;
                                    predictedBuyRate: number;
                                    f1Margin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    prAucMargin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    skill: boolean | null;
                                };
                            } | null;
                            params: {
                                [key: string]: number | string;
                            } | null;
                            versusDefaults: {
                                f1: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                };
                                prAuc: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                };
                            } | null;
                            overrides?: {
                                [key: string]: string;
                            } | null;
                            seconds: number;
                        }[];
                        recordedBy: string;
                        recordedAt: string;
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    compareRuns: {
        parameters: {
            query: {
                /** @description XGB, LGB or CB */
                model: string;
                /** @description token */
                token: string;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description a change-set, change request or token id */
                id: string;
                /** @description other */
                other: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        left: string;
                        right: string;
                        model: string;
                        token: string;
                        sides: {
                            run: string;
                            revision: number;
                            createdAt: string;
                            study: {
                                ok: boolean;
                                best: {
                                    trial: number | null;
                                    validation: {
                                        f1: number;
                                        prAuc: number;
                                        objective: number | null;
                                    };
                                    test: {
                                        f1: number;
                                        prAuc: number;
                                        alwaysBuyF1: number;
                                        positiveRate: number;
                                        predictedBuyRate: number;
                                        f1Margin: {
                                            value: number;
                                            lo: number;
                                            hi: number;
                                        } | null;
                                        prAucMargin: {
                                            value: number;
                                            lo: number;
                                            hi: number;
                                        } | null;
                                        skill: boolean | null;
                                    };
                                } | null;
                                defaults: {
                                    trial: number | null;
                                    validation: {
                                        f1: number;
                                        prAuc: number;
                                        objective: number | null;
                                    };
                                    test: {
                                        f1: number;
                                        prAuc: number;
                                        alwaysBuyF1: number;
                                        positiveRate: number;
                                        predictedBuyRate: number;
                                        f1Margin: {
                                            value: number;
                                            lo: number;
                                            hi: number;
                                        } | null;
                                        prAucMargin: {
                                            value: number;
                                            lo: number;
                                            hi: number;
                                        } | null;
                                        skill: boolean | null;
                                    };
                                } | null;
                                versusDefaults: {
                                    f1: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    };
                                    prAuc: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    };
                                } | null;
                                nTrials: number | null;
                            } | null;
                        }[];
                        configured: {
                            key: string;
                            left: string | null;
                            right: string | null;
                            leftLayer: string;
                            rightLayer: string;
                        }[];
                        trained: {
                            param: string;
                            left: number | string | null;
                            right: number | string | null;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    skillSeries: {
        parameters: {
            query: {
                /** @description XGB, LGB or CB */
                model: string;
                /** @description 1M, 5M, 15M, 30M or 1H */
                timeframe: string;
                /** @description token */
                token: string;
                /** @description at most this many rows */
                limit?: number;
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        model: string;
                        timeframe: string;
                        token: string;
                        environment: string;
                        head: number;
                        points: {
                            run: string;
                            createdAt: string;
                            revision: number;
                            recordedBy: string;
                            ok: boolean;
                            error: string | null;
                            nTrials: number | null;
                            warmStart: string | null;
                            objective: string | null;
                            best: {
                                trial: number | null;
                                validation: {
                                    f1: number;
                                    prAuc: number;
                                    objective: number | null;
                                };
                                test: {
                                    f1: number;
                                    prAuc: number;
                                    alwaysBuyF1: number;
                                    positiveRate: number;
                                    predictedBuyRate: number;
                                    f1Margin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    prAucMargin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    skill: boolean | null;
                                };
                            } | null;
                            defaults: {
                                trial: number | null;
                                validation: {
                                    f1: number;
                                    prAuc: number;
                                    objective: number | null;
                                };
                                test: {
                                    f1: number;
                                    prAuc: number;
                                    alwaysBuyF1: number;
                                    positiveRate: number;
                                    predictedBuyRate: number;
                                    f1Margin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    prAucMargin: {
                                        value: number;
                                        lo: number;
                                        hi: number;
                                    } | null;
                                    skill: boolean | null;
                                };
                            } | null;
                            versusDefaults: {
                                f1: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                };
                                prAuc: {
                                    value: number;
                                    lo: number;
                                    hi: number;
                                };
                            } | null;
                        }[];
                        changesets: {
                            id: number;
                            actor: string;
                            reason: string;
                            at: string;
                            revision: number;
                            changeRequest: number | null;
                            breakGlass: boolean;
                            keys: string[];
                            relevant: number;
                            afterRun: string | null;
                            beforeRun: string | null;
                        }[];
                    };
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database cannot be reached (HPC_STORE_UNREACHABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
