import { lowerWorkerPriority } from "../../src/messaging/priority";
import { benchDelivery, benchReminderScan, type MessagesResult } from "./messages";

// Run by scripts/bench.ts with the react-server condition (the messaging modules are server-only):
// prints one line of JSON. Arguments: the data set's DATABASE_URL, the messages to deliver, and
// optionally which parts (scan,delivery).
// With "phases" last, it also prints "delivery:start" and "delivery:end" as the delivery begins and ends.
const [url, count, only, phases] = process.argv.slice(2);
const parts = new Set((only ?? "scan,delivery").split(","));
const result: MessagesResult = {};
if (parts.has("scan")) result.scan = await benchReminderScan(url!);
// The delivery's worker stands for npm run worker, which lowers its own CPU priority (and so, here,
// does the SMTP server in this process, which a real deployment runs on another machine).
if (parts.has("delivery")) lowerWorkerPriority(process.env, () => {});
if (parts.has("delivery")) result.delivery = await benchDelivery(url!, Number(count ?? 10_000), phases ? (phase) => console.log(`delivery:${phase}`) : undefined);
console.log(JSON.stringify(result));
process.exit(0);
