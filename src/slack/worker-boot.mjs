// The answering worker's entry: a worker thread does not inherit the main thread's TypeScript loader
// (bin/procure.js registers tsx there), so it registers its own before loading worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
