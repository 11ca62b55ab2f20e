export const REFERENCE = { maxDepth: 4 }; // hpconf: ignore[HP001] frozen reference model, compared against, never trained
// EXPECT-NEXT HP001 learningRate; HP004 (a suppression without a reason does not apply)
export const QUICK = { learningRate: 0.5 }; // hpconf: ignore[HP001]
/* hpconf: ignore[HP001] a block comment works too */ export const SMOKE = { nEstimators: 2 };
