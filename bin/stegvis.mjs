#!/usr/bin/env node
// The `stegvis` command. Runs the TypeScript sources directly through tsx.
import { register } from "tsx/esm/api";

register();
await import("../server/cli/index.ts");
