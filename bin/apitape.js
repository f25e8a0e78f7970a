#!/usr/bin/env node
// The installed entry point: runs the compiled CLI and hands its exit code to the process.
import { runCli } from '../dist/cli/main.js';

await runCli();
