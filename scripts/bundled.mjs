/**
 * Small pure-JavaScript dependencies on every command's start-up path, inlined into dist/ by build.mjs with their
 * licences (dist/THIRD-PARTY-LICENSES.txt): each file resolved and read costs a short command like `lint one.py`
 * about a millisecond. They stay runtime dependencies: the sources import them, and `npm audit` and SBOMs of an
 * install see the code it runs.
 */
export const BUNDLED = ['commander', 'picomatch', 'smol-toml', 'ignore', 'jsonc-parser'];
