import { buildIfNeeded } from "./build-if-needed";
import { ensureAuthSecret, nextBin, supervise } from "./lib";

// npm start: serve the production build (building first if it is missing or stale).
// Migrations are applied separately with `npm run db:migrate`.
ensureAuthSecret();
await buildIfNeeded(process.env);
supervise(nextBin, ["start", "-p", process.env.PORT ?? "3000"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
