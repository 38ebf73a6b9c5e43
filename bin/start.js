#!/usr/bin/env node
// `npm start`: runs the bot (its build when current, else its TypeScript sources; see source-or-build.js).
import { importProgram } from './source-or-build.js';

await importProgram('index');
