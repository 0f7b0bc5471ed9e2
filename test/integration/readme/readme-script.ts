/** One shell command of the README, as a reader would type it, and the exit status the README gives it. */
export interface ReadmeCommand {
  /** 1-based README line where the command starts. */
  line: number;
  text: string;
  expectedExit: number;
}

const SKIP = /<!--\s*readme-test:\s*skip\b/;
/** "# exit 1: …" in a trailing comment states the exit status; no such comment means 0. */
const EXIT_COMMENT = /\s#\s.*?\bexit (\d+)\b/;

/**
 * The commands of every ```sh block of the README, in order; a block right after a
 * `<!-- readme-test: skip … -->` comment is left out (it installs or runs until stopped).
 * Continuation lines (ending in "\") stay with their command; blank lines and comment lines are dropped.
 */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  let skipNext = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (SKIP.test(line)) skipNext = true;
    if (!/^```/.test(line)) continue;
    const isShell = line.trim() === '```sh';
    const skip = skipNext;
    skipNext = false;
    let end = i + 1;
    while (end < lines.length && !/^```/.test(lines[end]!)) end += 1;
    if (isShell && !skip) commands.push(...blockCommands(lines.slice(i + 1, end), i + 2));
    i = end;
  }
  return commands;
}

function blockCommands(block: string[], firstLine: number): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  for (let i = 0; i < block.length; i += 1) {
    const start = i;
    let text = block[i]!;
    while (text.endsWith('\\') && i + 1 < block.length) text = `${text}\n${block[(i += 1)]!}`;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    out.push({ line: firstLine + start, text: trimmed, expectedExit: Number(EXIT_COMMENT.exec(trimmed)?.[1] ?? 0) });
  }
  return out;
}

/**
 * One bash script running the commands in order, in one shell (variables and background jobs
 * carry over, as for a reader), recording each command's exit status as "INDEX STATUS" lines
 * through `__status`, which the caller defines.
 */
export function readmeScript(commands: readonly ReadmeCommand[]): string {
  return commands.map((c, index) => `${c.text}\n__status $? ${index}\n`).join('');
}
