import { ensureAuthSecret, nextBin, supervise } from "./lib";

// npm run dev: the development server on its own database directory, so it never shares one
// with `npm run demo` (two processes on one PGlite directory lose writes).
process.env.ATTUNE_DATA_DIR ??= ".data-dev/pglite";
ensureAuthSecret();
supervise(nextBin, ["dev", "-p", process.env.PORT ?? "3000"], { ...process.env });
