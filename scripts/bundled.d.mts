/** scripts/bundled.mjs: the dependencies the build inlines. */
export declare const BUNDLED: string[];
