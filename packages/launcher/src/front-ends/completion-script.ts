/** What a completion script offers. */
export interface CompletionWords {
  /** cred-launch's own command words. */
  commands: readonly string[];
  /** Launcher flags, and which of them take a value (the next word is not a plugin). */
  launcherFlags: readonly string[];
  valueFlags: readonly string[];
  /** Each installed plugin: its flags and its own command words (e.g. file encrypt). */
  plugins: ReadonlyArray<{ name: string; flags: readonly string[]; commands: readonly string[] }>;
}

/** The shells `cred-launch completion` writes for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
/** One of {@link COMPLETION_SHELLS}. */
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

// Words are plugin names, flags and command words: [A-Za-z0-9@/._-] only
// (core's naming rules), so they need no quoting inside the scripts below.
const SAFE = /^[A-Za-z0-9@/._-]+$/u;
function words(list: readonly string[]): string {
  return list.filter((word) => SAFE.test(word)).join(' ');
}

function bashFunction(w: CompletionWords): string {
  const cases = w.plugins.map((plugin) => `    ${plugin.name}) words="${words([...plugin.flags, ...plugin.commands])}" ;;`).join('\n');
  return `_cred_launch() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" word plugin="" words="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case " ${words(w.valueFlags)} " in *" $prev "*) prev="$word"; continue ;; esac
    prev="$word"
    case "$word" in -*) continue ;; esac
    plugin="$word"
    break
  done
  if [[ -z "$plugin" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "${words(w.launcherFlags)}" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "${words([...w.commands, ...w.plugins.map((plugin) => plugin.name)])}" -- "$cur"))
    fi
    return 0
  fi
  case "$plugin" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  [[ \${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}`;
}

/**
 * The completion script for a shell: cred-launch's commands and launcher
 * options before the plugin, then that plugin's flags and commands (taken
 * from its usage text when the script was made: run it again after
 * installing a plugin). Files complete where nothing else matches.
 */
export function completionScript(shell: CompletionShell, w: CompletionWords): string {
  switch (shell) {
    case 'bash':
      return `# cred-launch completion for bash. Add to ~/.bashrc:  eval "$(cred-launch completion bash)"\n${bashFunction(w)}\ncomplete -o default -F _cred_launch cred-launch\n`;
    case 'zsh':
      return `# cred-launch completion for zsh. Add to ~/.zshrc:  eval "$(cred-launch completion zsh)"\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n${bashFunction(w)}\ncomplete -o default -F _cred_launch cred-launch\n`;
    case 'fish': {
      const top = words([...w.commands, ...w.plugins.map((plugin) => plugin.name)]);
      const lines = [
        '# cred-launch completion for fish. Add to ~/.config/fish/config.fish:  cred-launch completion fish | source',
        'complete -c cred-launch -f',
        `complete -c cred-launch -n "not __fish_seen_subcommand_from ${top}" -a "${top}"`,
        ...w.launcherFlags
          .filter((flag) => flag.startsWith('--') && SAFE.test(flag))
          .map((flag) => `complete -c cred-launch -n "not __fish_seen_subcommand_from ${top}" -l ${flag.slice(2)}`),
        ...w.plugins.flatMap((plugin) => [
          ...plugin.flags.filter((flag) => SAFE.test(flag)).map((flag) => `complete -c cred-launch -n "__fish_seen_subcommand_from ${plugin.name}" -l ${flag.slice(2)} -F`),
          ...(plugin.commands.length > 0 ? [`complete -c cred-launch -n "__fish_seen_subcommand_from ${plugin.name}" -a "${words(plugin.commands)}"`] : []),
        ]),
      ];
      return `${lines.join('\n')}\n`;
    }
  }
}

/** The long flags a usage text mentions (`--key-file`, `--profile`…). */
export function flagsInUsage(usage: string): string[] {
  return [...new Set(usage.match(/(?<![\w-])--[a-z][a-z0-9-]*/gu) ?? [])].sort();
}
