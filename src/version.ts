import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The running Trellis version, from package.json. */
export const trellisVersion: string = pkg.version;
