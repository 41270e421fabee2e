// `load` command (not implemented yet).
export async function loadCommand(_args: string[]): Promise<number> {
  console.error("load: not implemented yet");
  return 2;
}
