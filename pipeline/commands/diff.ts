// `diff` command (not implemented yet).
export async function diffCommand(_args: string[]): Promise<number> {
  console.error("diff: not implemented yet");
  return 2;
}
