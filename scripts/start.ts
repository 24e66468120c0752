import { buildIfNeeded } from "./build-if-needed";
import { ensureAuthSecret, serveCommand, supervise } from "./lib";

// npm start: serve the production build (building first if it is missing or stale).
// Migrations are applied separately with `npm run db:migrate`.
ensureAuthSecret();
await buildIfNeeded(process.env);
supervise(...serveCommand(process.env.PORT ?? "3000"), { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
