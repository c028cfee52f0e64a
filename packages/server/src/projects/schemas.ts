import { Type } from 'typebox';
import { EnvironmentViewSchema } from '../environments/schemas.js';

export const ProjectViewSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  environments: Type.Array(EnvironmentViewSchema),
});
