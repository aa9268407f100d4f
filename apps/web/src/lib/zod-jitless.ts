import { z } from 'zod';

// The server's Content-Security-Policy has no 'unsafe-eval', so zod must not probe
// `new Function` to compile its parsers: the probe alone is a CSP violation in the console.
// Imported first by main.tsx, before any module builds or parses a schema.
z.config({ jitless: true });
