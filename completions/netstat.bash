# bash completion for netstat. Generated from the option table by
# `cargo run --bin netstat-docs`: do not edit.

# Offer WORDS for the value being typed; with a SEPARATOR, the value is a
# list and only its last element is completed.
_netstat_values() {
    local words=$1 separator=$2 cur=$3 done=
    if [[ -n $separator && $cur == *"$separator"* ]]; then
        done=${cur%"$separator"*}$separator
        cur=${cur##*"$separator"}
    fi
    COMPREPLY=($(compgen -P "$done" -W "$words" -- "$cur"))
    [[ -n $separator ]] && compopt -o nospace 2>/dev/null
    return 0
}

_netstat() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
    # `--option=value`: bash splits the word at `=` (COMP_WORDBREAKS).
    if [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == = ]]; then
        cur=
    fi
    case $prev in
        -A|-[!-]*A|--protocol) _netstat_values "ax25 ip ip6 ipx rose appletalk netrom inet inet6 ddp unix tcpip econet x25 ash bluetooth packet netlink vsock" "," "$cur"; return ;;
        --state) _netstat_values "established syn-sent syn-recv fin-wait-1 fin-wait-2 time-wait closed close-wait last-ack listening closing all connected synchronized bucket big" "" "$cur"; return ;;
    esac
    case $cur in
        --*) COMPREPLY=($(compgen -W "--ax25 --x25 --ip --ipx --appletalk --netrom --inet --inet6 --ddp --rose --unix --bluetooth --version --interfaces --help --route --masquerade --protocol --tcp --sctp --udp --udplite --raw --l2cap --rfcomm --listening --all --timers --continuous --extend --programs --verbose --statistics --wide --numeric --numeric-hosts --numeric-ports --numeric-users --symbolic --cache --fib --groups --context --netlink --json --filter --state --sport --dport --port --src --dst --pid --command --uid --netns --netns-pid --all-netns --info --memory --kill --packet --vsock --mptcp" -- "$cur")) ;;
        -*) COMPREPLY=($(compgen -W "-V -i -h -r -M -A -t -S -u -U -w -x -2 -f -l -a -o -c -e -p -v -s -W -n -N -C -F -g -Z -j -m -d -6 -4" -- "$cur")) ;;
    esac
    return 0
}

complete -F _netstat netstat
