// EXPECT HP003 (anywhere in the file)
export function train(data: number[][] {
  return { maxDepth: 6 };
}
