# Bash completion for blockwise (subcommands, options, formats, languages, rule codes, targets).
# Source it from ~/.bashrc:  . "$(npm root -g)/blockwise/completion/blockwise.bash"
# Rule codes come from `blockwise rules` itself, so they match the installed version.

_blockwise_rule_codes() {
  blockwise rules 2>/dev/null | while read -r code _; do printf '%s\n' "$code"; done
}

_blockwise() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -*) ;;
      *) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  local languages='lvm-conf lvm-metadata kickstart'
  local targets='RHEL6 RHEL7 RHEL8 RHEL9 RHEL10 RHEL11 F40 F41 F42 F43 F44 F45 2.02.187 2.03.11 2.03.14 2.03.16 2.03.23'
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W 'check map rules backups hosts lsp help --help --version' -- "$cur"))
    return
  fi
  case $cmd in
    check)
      case $prev in
        --format) COMPREPLY=($(compgen -W 'text json sarif github codeclimate' -- "$cur")); return ;;
        --language) COMPREPLY=($(compgen -W "$languages" -- "$cur")); return ;;
        --target) COMPREPLY=($(compgen -W "$targets" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W 'error warning info' -- "$cur")); return ;;
        --stdin-filename) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --severity)
          if [[ $cur == *=* ]]; then
            COMPREPLY=($(compgen -P "${cur%%=*}=" -W 'off info warning error' -- "${cur#*=}"))
          else
            compopt -o nospace 2>/dev/null
            COMPREPLY=($(compgen -S '=' -W "$(_blockwise_rule_codes)" -- "$cur"))
          fi
          return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--format --target --language --severity --fail-on --stdin-filename --no-config --help' -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    map)
      case $prev in
        --format) COMPREPLY=($(compgen -W 'svg json text' -- "$cur")); return ;;
        --language) COMPREPLY=($(compgen -W 'lvm-metadata kickstart' -- "$cur")); return ;;
        --target) COMPREPLY=($(compgen -W "$targets" -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '--format --language --target --help' -- "$cur"))
      else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
    rules)
      case $prev in
        --format) COMPREPLY=($(compgen -W 'text json' -- "$cur")); return ;;
      esac
      COMPREPLY=($(compgen -W '--format --help' -- "$cur")) ;;
    backups)
      case $prev in
        --format) COMPREPLY=($(compgen -W 'text json' -- "$cur")); return ;;
        backups) COMPREPLY=($(compgen -W 'diff restore --format --help' -- "$cur")); [[ $cur != -* ]] && COMPREPLY+=($(compgen -d -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '--format --vg --help' -- "$cur"))
      else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
    lsp) COMPREPLY=($(compgen -W '--stdio --node-ipc --socket= --pipe= --help' -- "$cur")) ;;
    hosts)
      case $prev in
        --format) COMPREPLY=($(compgen -W 'text json' -- "$cur")); return ;;
        --inventory|--from) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '--format --ssh-option --concurrency --timeout --inventory --print-command --from --help' -- "$cur"))
      else COMPREPLY=($(compgen -A hostname -- "$cur")); fi ;;
  esac
}
complete -F _blockwise blockwise
