import { z } from "zod";

// Zod compiles fast object parsers with `new Function`, and probes for it on the first parse. The
// Content-Security-Policy forbids eval, so in the browser that probe alone reports a violation:
// parse without compiling there. (The server keeps the compiled parsers.)
if (typeof window !== "undefined") z.config({ jitless: true });
