# Generated from the syncdict command model by GeneratedArtifactsTest; do not edit.
# bash: source this file (bash-completion loads it from its completions folder).
_syncdict() {
  # Split at white space as syncdict does, not at bash's word breaks (keys hold ':' and '=').
  local typed=${COMP_LINE:0:COMP_POINT} current='' line value files=0
  local -a args
  read -ra args <<< "$typed"
  if [[ -n $typed && $typed != *[[:space:]] ]]; then
    current=${args[${#args[@]}-1]}
    unset 'args[${#args[@]}-1]'
  fi
  # bash replaces only its own last word: each candidate loses what comes before that word.
  local before=${current%"${COMP_WORDS[COMP_CWORD]}"}
  COMPREPLY=()
  while IFS= read -r line; do
    value=${line%%$'\t'*}
    if [[ -z $value ]]; then
      files=1
    else
      # A finished word ends in a space; a key path that goes on does not.
      COMPREPLY+=("${value#"$before"}")
    fi
  done < <(syncdict __complete "${args[@]:1}" "$current" 2>/dev/null)
  if (( files )); then
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$current"))
  fi
  compopt -o nospace 2>/dev/null
}
complete -F _syncdict syncdict
