// Resolves the monorepo's `@commons/<lib>` aliases to the compiled libs at run time.
import { register } from 'node:module';

register('./aliases.mjs', import.meta.url);
