/** The file extensions each scanner reads: in a file of their own, so choosing a scanner loads no parser. */
export const EXTENSIONS = {
  python: ['.py', '.pyi'],
  typescript: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  notebook: ['.ipynb'],
} as const satisfies Record<string, readonly string[]>;
