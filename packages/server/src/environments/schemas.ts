import { Type } from 'typebox';

export const EnvironmentViewSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  position: Type.Integer(),
  revision: Type.Integer({ description: 'Bumped by every change SDKs see; the ETag of its ruleset' }),
  createdAt: Type.String({ format: 'date-time' }),
});
