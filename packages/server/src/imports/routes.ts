import type { Api } from '../http/api.js';
import type { ServerContext } from '../context.js';

// PLACEHOLDER: to be written.
export function importRoutes(_api: Api, _ctx: ServerContext): void {}
