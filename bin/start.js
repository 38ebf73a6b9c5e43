#!/usr/bin/env node
// `npm start`: runs the bot's TypeScript sources through tsx, no build step needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/index.ts');
