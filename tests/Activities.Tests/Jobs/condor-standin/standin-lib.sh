#!/bin/bash
# Shared helpers of the HTCondor stand-in (see README.md here). Job state lives in $CONDOR_STANDIN_DIR/jobs/C.P as
# Key=JSONVALUE lines, which is also how condor_q/condor_history -json print them.
D="${CONDOR_STANDIN_DIR:?set CONDOR_STANDIN_DIR to a writable directory}"
mkdir -p "$D/jobs"

json_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

# setattr FILE KEY JSONVALUE, under the file's lock so the runner and condor_rm/condor_hold do not race.
setattr() {
    local f=$1 k=$2 v=$3
    (
        flock 9
        grep -v "^$k=" "$f" > "$f.tmp" 2>/dev/null || true
        printf '%s=%s\n' "$k" "$v" >> "$f.tmp"
        mv -f "$f.tmp" "$f"
    ) 9>"$f.lock"
}

getattr() { sed -n "s/^$2=//p" "$1" | tail -1; }

now() { date +%s; }

# event FILE CODE C P TEXT...: one job event log entry, terminated by "...", as HTCondor writes them.
event() {
    local log=$1 code=$2 c=$3 p=$4; shift 4
    [ -n "$log" ] || return 0
    {
        printf '%s (%03d.%03d.000) %s %s\n' "$code" "$c" "$p" "$(date -u '+%Y-%m-%d %H:%M:%S')" "$1"
        shift
        for line in "$@"; do printf '\t%s\n' "$line"; done
        printf '...\n'
    } >> "$log"
}

# print_ads STATUS_REGEX ARGS...: the JSON array of matching jobs (nothing at all when none match, like condor_q).
print_ads() {
    local statuses=$1; shift
    local ids=() names=()
    while [ $# -gt 0 ]; do
        case "$1" in
            -json|-nobatch|-allusers|-af) ;;
            -attributes|-limit) shift ;;
            -constraint) shift; while read -r n; do names+=("$n"); done < <(grep -o '"[^"]*"' <<<"$1" | tr -d '"') ;;
            *) ids+=("$1") ;;
        esac
        shift
    done
    local first=1 f id c p st
    for f in "$D"/jobs/*.*; do
        [ -e "$f" ] || continue
        case "$f" in *.lock|*.tmp) continue ;; esac
        id=${f##*/}; c=${id%%.*}; p=${id#*.}
        st=$(getattr "$f" JobStatus)
        [[ "$st" =~ ^($statuses)$ ]] || continue
        if [ ${#ids[@]} -gt 0 ]; then
            local hit=0 want
            for want in "${ids[@]}"; do [ "$want" = "$c" ] || [ "$want" = "$c.$p" ] && hit=1; done
            [ $hit = 1 ] || continue
        fi
        if [ ${#names[@]} -gt 0 ]; then
            local hit=0 bn n
            bn=$(getattr "$f" JobBatchName | tr -d '"')
            for n in "${names[@]}"; do [ "$n" = "$bn" ] && hit=1; done
            [ $hit = 1 ] || continue
        fi
        if [ $first = 1 ]; then printf '[\n'; first=0; else printf ',\n'; fi
        printf '{\n'
        grep -v '^Cmd\|^Args\|^Out\|^Err\|^Iwd\|^UserLog\|^RunnerPid' "$f" | sed 's/^\([A-Za-z]*\)=\(.*\)$/  "\1": \2/' | paste -sd, - | sed 's/,  "/,\n  "/g'
        printf '}'
    done
    [ $first = 1 ] || printf '\n]\n'
}
