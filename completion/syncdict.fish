# Generated from the syncdict command model by GeneratedArtifactsTest; do not edit.
# fish: put this file in a folder on $fish_complete_path.
function __syncdict_complete
    set -l words (commandline -opc)
    syncdict __complete $words[2..-1] (commandline -ct) 2>/dev/null | while read -l line
        set -l parts (string split -m 1 \t -- $line)
        if test -z "$parts[1]"
            __fish_complete_path (commandline -ct)
        else
            printf '%s\t%s\n' (string trim -r -- $parts[1]) $parts[2]
        end
    end
end
complete -c syncdict -f -a '(__syncdict_complete)'
