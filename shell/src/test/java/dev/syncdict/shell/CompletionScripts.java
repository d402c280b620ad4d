package dev.syncdict.shell;

import picocli.CommandLine;

/**
 * Renders the bash, zsh and fish completion scripts for a command model. Each hands the words
 * typed so far to the hidden {@code __complete} entry point, which answers from the same model
 * and the same engine as the REPL (live key paths included), so the scripts hold no list of
 * commands that could drift: only the program's name and how each shell quotes, splits and
 * inserts words. See {@link CompleteEntry} for the answer's form.
 */
final class CompletionScripts {

    private CompletionScripts() {}

    private static String header(String program, String comment, String howToLoad) {
        return comment + " Generated from the " + program + " command model by GeneratedArtifactsTest; do not edit.\n"
                + comment + " " + howToLoad + "\n";
    }

    static String bash(CommandLine cli) {
        String p = cli.getCommandSpec().name();
        String f = "_" + p;
        return header(p, "#", "bash: source this file (bash-completion loads it from its completions folder).")
                + f + "() {\n"
                + "  # Split at white space as syncdict does, not at bash's word breaks (keys hold ':' and '=').\n"
                + "  local typed=${COMP_LINE:0:COMP_POINT} current='' line value files=0\n"
                + "  local -a args\n"
                + "  read -ra args <<< \"$typed\"\n"
                + "  if [[ -n $typed && $typed != *[[:space:]] ]]; then\n"
                + "    current=${args[${#args[@]}-1]}\n"
                + "    unset 'args[${#args[@]}-1]'\n"
                + "  fi\n"
                + "  # bash replaces only its own last word: each candidate loses what comes before that word.\n"
                + "  local before=${current%\"${COMP_WORDS[COMP_CWORD]}\"}\n"
                + "  COMPREPLY=()\n"
                + "  while IFS= read -r line; do\n"
                + "    value=${line%%$'\\t'*}\n"
                + "    if [[ -z $value ]]; then\n"
                + "      files=1\n"
                + "    else\n"
                + "      # A finished word ends in a space; a key path that goes on does not.\n"
                + "      COMPREPLY+=(\"${value#\"$before\"}\")\n"
                + "    fi\n"
                + "  done < <(" + p + " " + CompleteEntry.NAME + " \"${args[@]:1}\" \"$current\" 2>/dev/null)\n"
                + "  if (( files )); then\n"
                + "    local IFS=$'\\n'\n"
                + "    COMPREPLY+=($(compgen -f -- \"$current\"))\n"
                + "  fi\n"
                + "  compopt -o nospace 2>/dev/null\n"
                + "}\n"
                + "complete -F " + f + " " + p + "\n";
    }

    static String zsh(CommandLine cli) {
        String p = cli.getCommandSpec().name();
        return "#compdef " + p + "\n"
                + header(p, "#", "zsh: put this file, named _" + p + ", in a folder on $fpath before compinit runs.")
                + "local -a finished goes_on\n"
                + "local line value description\n"
                + "for line in \"${(@f)$(" + p + " " + CompleteEntry.NAME
                + " \"${(@Q)words[2,CURRENT-1]}\" \"${(Q)words[CURRENT]}\" 2>/dev/null)}\"; do\n"
                + "  value=${line%%$'\\t'*}\n"
                + "  description=${line#*$'\\t'}\n"
                + "  if [[ -z $value ]]; then\n"
                + "    _files\n"
                + "  elif [[ $value == *' ' ]]; then\n"
                + "    finished+=(\"${${value% }//:/\\\\:}:$description\")\n"
                + "  else\n"
                + "    goes_on+=(\"${value//:/\\\\:}:$description\")\n"
                + "  fi\n"
                + "done\n"
                + "(( $#finished )) && _describe -t words " + p + " finished\n"
                + "# A key path that goes on ('users.') takes no space after it.\n"
                + "(( $#goes_on )) && _describe -t paths 'key path' goes_on -S ''\n"
                + "return 0\n";
    }

    static String fish(CommandLine cli) {
        String p = cli.getCommandSpec().name();
        return header(p, "#", "fish: put this file in a folder on $fish_complete_path.")
                + "function __" + p + "_complete\n"
                + "    set -l words (commandline -opc)\n"
                + "    " + p + " " + CompleteEntry.NAME + " $words[2..-1] (commandline -ct) 2>/dev/null | while read -l line\n"
                + "        set -l parts (string split -m 1 \\t -- $line)\n"
                + "        if test -z \"$parts[1]\"\n"
                + "            __fish_complete_path (commandline -ct)\n"
                + "        else\n"
                + "            printf '%s\\t%s\\n' (string trim -r -- $parts[1]) $parts[2]\n"
                + "        end\n"
                + "    end\n"
                + "end\n"
                + "complete -c " + p + " -f -a '(__" + p + "_complete)'\n";
    }
}
