import { defineModule } from '@orion/core';
import { demoAccess001CreateTokens } from './migrations/demo-access-001-create-tokens.js';

/**
 * The demo app's own module: the table of its bearer tokens (see {@link AccessTokens}). Internal
 * (for operators, never on a store dashboard) and without metrics, routes or menus; the app passes
 * it to `createOrion({ modules: [demoAccessModule], discover: true })` next to the discovered ones.
 */
export const demoAccessModule = defineModule({
  code: 'demo-access',
  name: 'Demo access tokens',
  description: 'Bearer tokens of the demo server, stored as SHA-256 hashes.',
  version: '0.0.0',
  isInternal: true,
  requires: ['tenancy'],
  migrations: { 'demo-access_001_create_tokens': demoAccess001CreateTokens },
});
