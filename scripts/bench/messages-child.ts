import { benchDelivery, benchReminderScan, type MessagesResult } from "./messages";

// Run by scripts/bench.ts with the react-server condition (the messaging modules are server-only):
// prints one line of JSON. Arguments: the data set's DATABASE_URL, the messages to deliver, and
// optionally which parts (scan,delivery).
const [url, count, only] = process.argv.slice(2);
const parts = new Set((only ?? "scan,delivery").split(","));
const result: MessagesResult = {};
if (parts.has("scan")) result.scan = await benchReminderScan(url!);
if (parts.has("delivery")) result.delivery = await benchDelivery(url!, Number(count ?? 10_000));
console.log(JSON.stringify(result));
process.exit(0);
