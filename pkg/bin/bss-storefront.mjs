#!/usr/bin/env node
import { run } from '../cli/main.mjs';

process.exitCode = await run(process.argv.slice(2));
