// `refer completion bash|zsh|fish`: a small script per shell that hands the words typed so far
// to `refer __complete` and shows what it answers (the cobra and gh way). Commands, flags and
// their values come from commander's tree at TAB time, so the script never goes stale and there
// is no second list of them; installing it once is enough, even across upgrades.
import type { Context } from '../context.js';

import type { Shell } from '../register/completion.js';

const BASH = String.raw`# refer completion for bash. Load it in ~/.bashrc:
#   source <(refer completion bash)
# or save it where bash-completion finds it:
#   refer completion bash > ~/.local/share/bash-completion/completions/refer
_refer() {
  local cur="${"$"}{COMP_WORDS[COMP_CWORD]}" quote="" word out line
  local -a words=()
  case "$cur" in
    \"*|\'*) quote="${"$"}{cur:0:1}"; cur="${"$"}{cur:1}" ;;
  esac
  # The words before the current one, without their quotes; "=" and ":" (word breaks for bash)
  # are put back together with their neighbours.
  local glue=""
  for word in "${"$"}{COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    if [[ "$word" == "=" ]]; then continue; fi
    if [[ "$word" == ":" ]]; then glue=1; words[${"$"}{#words[@]}-1]+=":"; continue; fi
    case "$word" in
      \"*\") word="${"$"}{word:1:${"$"}{#word}-2}" ;;
      \'*\') word="${"$"}{word:1:${"$"}{#word}-2}" ;;
      *) word="${"$"}{word//\\ / }" ;;
    esac
    if [[ -n "$glue" ]]; then words[${"$"}{#words[@]}-1]+="$word"; glue=""; else words+=("$word"); fi
  done
  if [[ "$cur" == "=" ]]; then cur=""; fi
  out="$(refer __complete "${"$"}{words[@]}" "$cur" 2>/dev/null)" || return 0
  COMPREPLY=()
  if [[ "$out" == ":files" ]]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
  fi
  local IFS=$'\n'
  for line in $out; do
    line="${"$"}{line%%$'\t'*}"
    if [[ -n "$quote" ]]; then COMPREPLY+=("$line"); else COMPREPLY+=("$(printf '%q' "$line")"); fi
  done
  return 0
}
complete -o default -F _refer refer
`;

const ZSH = String.raw`#compdef refer
# refer completion for zsh. Load it in ~/.zshrc (after compinit):
#   source <(refer completion zsh)
# or save it as _refer in a folder on $fpath:
#   refer completion zsh > "${"$"}{fpath[1]}/_refer"
_refer() {
  local -a lines candidates
  local line value
  lines=("${"$"}{(@f)$(refer __complete "${"$"}{(@Q)words[2,CURRENT-1]}" "${"$"}{(Q)words[CURRENT]}" 2>/dev/null)}")
  if [[ "${"$"}{lines[1]}" == ":files" ]]; then
    _files
    return
  fi
  for line in $lines; do
    [[ -z "$line" ]] && continue
    value="${"$"}{line%%$'\t'*}"
    if [[ "$line" == *$'\t'* ]]; then
      candidates+=("${"$"}{value//:/\\:}:${"$"}{line#*$'\t'}")
    else
      candidates+=("${"$"}{value//:/\\:}")
    fi
  done
  _describe -t values 'refer' candidates
}
if [[ "${"$"}{funcstack[1]}" == "_refer" ]]; then
  _refer "$@"
else
  compdef _refer refer
fi
`;

const FISH = String.raw`# refer completion for fish. Load it in ~/.config/fish/config.fish:
#   refer completion fish | source
# or save it where fish finds it:
#   refer completion fish > ~/.config/fish/completions/refer.fish
function __refer_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l out (refer __complete $words (commandline -ct) 2>/dev/null)
    if test "$out" = ":files"
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\n' $out
end
complete -c refer -f -a '(__refer_complete)'
`;

export const SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };

export default function completion(ctx: Context, [shell]: string[]): void {
  ctx.print(SCRIPTS[shell as Shell]);
}
