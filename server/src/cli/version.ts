/** The CLI's version (`--version`, SARIF, the cache keys). */
export const VERSION = '0.1.0';
