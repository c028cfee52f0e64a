import { Type } from 'typebox';

/**
 * An audit entry's id, in a path or query. Entries are numbered by a 32-bit serial in PostgreSQL,
 * so a larger number is no entry's id: refused here as a 400 rather than failing in the query.
 */
export const auditEntryId = (description: string) => Type.Integer({ minimum: 1, maximum: 2_147_483_647, description });
