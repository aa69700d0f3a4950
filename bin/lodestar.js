#!/usr/bin/env node
// Entry point for `npx lodestar` and `npm run lodestar`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
