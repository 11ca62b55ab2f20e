/** The middle of the sorted values (the upper one of two for an even count): what the benches compare. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
