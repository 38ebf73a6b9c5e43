#!/usr/bin/env node
// The `storybot` command (its build when current, else its TypeScript sources; see source-or-build.js).
import { importProgram } from './source-or-build.js';

/** @type {typeof import('../src/cli.js')} */
const { runCli } = await importProgram('cli');
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTerminal: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
