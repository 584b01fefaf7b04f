# completion/complaint.fish: fish completion for the complaint tools.
# Steps, reports and options are listed here; statuses, severities and
# channels come from complaint --list, sort keys from
# complaint-report --sort-keys, and setting keys, rule ids, case ids and
# customers from the case file itself, honouring -f FILE on the line and
# $COMPLAINT_FILE.  Installed once per tool name, as fish loads a file
# by the command it completes; the definitions are made only once.
if set -q __complaint_fish_loaded
    return
end
set -g __complaint_fish_loaded 1

# The -f FILE given on the line, as arguments for the tools.
function __complaint_file
    set -l toks (commandline -opc)
    for i in (seq (count $toks))
        if test "$toks[$i]" = -f; and test $i -lt (count $toks)
            set -l f $toks[(math $i + 1)]
            string replace -r '^~/' "$HOME/" -- $f | read -l g
            printf '%s\n' -f $g
        end
    end
end

# Every case id, the most recent first, with its summary.
function __complaint_ids
    # One external writes all, in order: fish may put a builtin's output
    # before that of an external run earlier.
    begin
        complaint-report (__complaint_file) list --sort -id 2>/dev/null
        command printf '%s\t%s\t%s\t%s\t%s\t%s\n' - '' '' '' '' \
            'ids on standard input'
    end | cut -f1,6
end

# Customers' names, those with the most cases first.
function __complaint_customers
    complaint-report (__complaint_file) repeat --min 1 --days 36500 \
        --limit 200 2>/dev/null | cut -f3
end

# The report on the line, list when none.
function __complaint_report
    set -l report list
    for w in (commandline -opc)[2..-1]
        contains -- $w list overdue due repeat causes; and set report $w
    end
    echo $report
end

# --sort FIELD[,[-]FIELD]: the report's keys after what is typed so far.
function __complaint_sortkeys
    set -l cur (commandline -ct)
    set -l head (string match -r '^.*,' -- $cur)
    set -l last (string replace -r '^.*,' '' -- $cur)
    set -l sign (string match -r '^-' -- $last)
    for k in (complaint-report (__complaint_report) --sort-keys 2>/dev/null)
        printf '%s%s%s\n' "$head" "$sign" $k
    end
end

# --status STATUS[,STATUS]: the statuses after what is typed so far.
function __complaint_statuses
    set -l head (string match -r '^.*,' -- (commandline -ct))
    printf "$head%s\n" open (complaint --list statuses 2>/dev/null)
end

# complaint-new
complete -c complaint-new -s f -r -F -d 'case file'
complete -c complaint-new -s n -x -d 'customer name'
complete -c complaint-new -s e -x -d 'customer e-mail address'
complete -c complaint-new -l phone -x -d 'customer phone number'
complete -c complaint-new -s c -x -a '(complaint --list channels 2>/dev/null)' -d channel
complete -c complaint-new -s p -x -d 'product or service'
complete -c complaint-new -s o -x -d 'order, invoice or booking'
complete -c complaint-new -s a -x -d 'money at stake'
complete -c complaint-new -s s -x -a '(complaint --list severities 2>/dev/null)' -d severity
complete -c complaint-new -s E -x -d 'employee involved'
complete -c complaint-new -s t -x -d tag
complete -c complaint-new -s r -x -d 'when received'
complete -c complaint-new -l ref -x -d 'external reference'
complete -c complaint-new -s l -l lang -x -a 'en id sv' -d 'customer language'
complete -c complaint-new -s m -x -d description
complete -c complaint-new -s N -l dry-run -d 'triage and print, record nothing'
complete -c complaint-new -l csv -d 'many complaints as CSV on standard input'
complete -c complaint-new -l strict -d 'with --csv: record none when one is bad'
complete -c complaint-new -l skip -x -d 'lines before the header'
complete -c complaint-new -l map -r -F -a cfpb -d 'map foreign headers'
complete -c complaint-new -l ignore-unknown -d 'skip columns that map to no field'
complete -c complaint-new -l mail -d 'one e-mail message on standard input'
complete -c complaint-new -s h -l help -d 'print usage'
complete -c complaint-new -l version -d 'print the version'

# complaint-interview
complete -c complaint-interview -f -k -a '(__complaint_ids)'
complete -c complaint-interview -s f -r -F -d 'case file'
complete -c complaint-interview -s r -x -a 'employee complainant witness' -d role
complete -c complaint-interview -s p -x -d party
complete -c complaint-interview -s i -x -d interviewer
complete -c complaint-interview -s w -x -d 'when it was taken'
complete -c complaint-interview -l medium -x \
    -a 'in-person phone video mail chat' -d 'how it was taken'
complete -c complaint-interview -l recording -r -F -d 'a recording of it'
complete -c complaint-interview -l csv -d 'CSV output'
complete -c complaint-interview -s l -d 'list the accounts'
complete -c complaint-interview -s s -d 'show an account'
complete -c complaint-interview -s h -l help -d 'print usage'
complete -c complaint-interview -l version -d 'print the version'

# complaint-compare
complete -c complaint-compare -f -k -a '(__complaint_ids)'
complete -c complaint-compare -s f -r -F -d 'case file'
complete -c complaint-compare -s r -d 'record the differences'
complete -c complaint-compare -l csv -d 'CSV output'
complete -c complaint-compare -s h -l help -d 'print usage'
complete -c complaint-compare -l version -d 'print the version'

# complaint-resolve
set -l steps ack dismiss assign wait merge propose accept decline counter \
    escalate decide follow-up close reopen anonymise explain
set -l nostep "not __fish_seen_subcommand_from $steps"
complete -c complaint-resolve -f
complete -c complaint-resolve -n $nostep -a ack -d 'acknowledge, with the message to send'
complete -c complaint-resolve -n $nostep -a dismiss -d 'end a case that is no complaint'
complete -c complaint-resolve -n $nostep -a assign -d 'give a case to someone'
complete -c complaint-resolve -n $nostep -a wait -d 'wait on the customer; the clocks pause'
complete -c complaint-resolve -n $nostep -a merge -d 'fold duplicates into one case'
complete -c complaint-resolve -n $nostep -a propose -d 'offer a remedy'
complete -c complaint-resolve -n $nostep -a accept -d 'the customer accepts the offer'
complete -c complaint-resolve -n $nostep -a decline -d 'the customer declines the offer'
complete -c complaint-resolve -n $nostep -a counter -d 'the customer counters the offer'
complete -c complaint-resolve -n $nostep -a escalate -d 'hand a case up'
complete -c complaint-resolve -n $nostep -a decide -d 'decide on the best evidence'
complete -c complaint-resolve -n $nostep -a explain -d 'mark a discrepancy explained'
complete -c complaint-resolve -n $nostep -a follow-up -d 'schedule or record a follow-up'
complete -c complaint-resolve -n $nostep -a close -d 'close with a root cause'
complete -c complaint-resolve -n $nostep -a reopen -d 'reopen an ended case'
complete -c complaint-resolve -n $nostep -a anonymise -d "replace a customer's data"
complete -c complaint-resolve -n $nostep -l states -d 'print the table of states'
complete -c complaint-resolve -n "__fish_seen_subcommand_from $steps" -k \
    -a '(__complaint_ids)'
complete -c complaint-resolve -s f -r -F -d 'case file'
complete -c complaint-resolve -n '__fish_seen_subcommand_from ack' \
    -l message -d 'print the acknowledgement'
complete -c complaint-resolve -n "__fish_seen_subcommand_from $steps" \
    -s m -x -d note
complete -c complaint-resolve -n '__fish_seen_subcommand_from propose' \
    -l approved-by -x -d 'who approved'
complete -c complaint-resolve -n '__fish_seen_subcommand_from propose' \
    -l expires -x -d 'when the offer lapses'
complete -c complaint-resolve -n '__fish_seen_subcommand_from escalate' \
    -s t -x -d team
complete -c complaint-resolve -n '__fish_seen_subcommand_from escalate' \
    -l ticket -x -d 'ticket id'
complete -c complaint-resolve -n '__fish_seen_subcommand_from decide' \
    -l favour -x -a 'customer company both' -d 'in whose favour'
complete -c complaint-resolve -n '__fish_seen_subcommand_from explain' \
    -l cite -x -d 'the evidence: S12,D3,C4'
complete -c complaint-resolve -n '__fish_seen_subcommand_from explain' \
    -l again -d 'explain it once more'
complete -c complaint-resolve -n '__fish_seen_subcommand_from follow-up' \
    -l in -x -d after
complete -c complaint-resolve -n '__fish_seen_subcommand_from follow-up' \
    -l at -x -d at
complete -c complaint-resolve -n '__fish_seen_subcommand_from follow-up' \
    -l done -d 'record it done'
complete -c complaint-resolve -n '__fish_seen_subcommand_from follow-up' \
    -l satisfied -x -a 'yes no' -d 'was the customer'
complete -c complaint-resolve -n '__fish_seen_subcommand_from follow-up' \
    -l score -x -a '1 2 3 4 5' -d score
complete -c complaint-resolve -n '__fish_seen_subcommand_from close' \
    -l cause -x -d 'root cause' \
    -a '(complaint config (__complaint_file) causes 2>/dev/null | string split ,)'
complete -c complaint-resolve -n '__fish_seen_subcommand_from close' \
    -l new-cause -x -d 'a cause not yet in the list'
complete -c complaint-resolve -n '__fish_seen_subcommand_from anonymise' \
    -l yes -d really
complete -c complaint-resolve -s h -l help -d 'print usage'
complete -c complaint-resolve -l version -d 'print the version'

# complaint-report
set -l reports list show overdue due repeat causes stats log verify export
set -l noreport "not __fish_seen_subcommand_from $reports"
complete -c complaint-report -f
complete -c complaint-report -n $noreport -a list -d 'cases, one a line'
complete -c complaint-report -n $noreport -a show -d 'the whole dossier of cases'
complete -c complaint-report -n $noreport -a overdue -d 'cases past a due time'
complete -c complaint-report -n $noreport -a due -d 'due times coming up'
complete -c complaint-report -n $noreport -a repeat -d 'customers who complain again'
complete -c complaint-report -n $noreport -a causes -d 'root causes, most first'
complete -c complaint-report -n $noreport -a stats -d 'figures per status, severity, channel'
complete -c complaint-report -n $noreport -a log -d 'the audit log'
complete -c complaint-report -n $noreport -a verify -d 'check the audit chain'
complete -c complaint-report -n $noreport -a export -d "a person's data, or everything"
complete -c complaint-report -n '__fish_seen_subcommand_from show log' -k \
    -a '(__complaint_ids)'
complete -c complaint-report -s f -r -F -d 'case file'
complete -c complaint-report -s q -l quiet -d 'print nothing; exit 0 on a match'
complete -c complaint-report -l all -d 'export: every table, for complaint import'
complete -c complaint-report -l csv -d 'CSV output'
complete -c complaint-report -l csv-safe -d 'CSV defused for spreadsheets'
complete -c complaint-report -l json -d 'JSON output, an object a line'
complete -c complaint-report -l status -x -a '(__complaint_statuses)' \
    -d 'statuses, joined by commas'
complete -c complaint-report -l severity -x -a '(complaint --list severities 2>/dev/null)' \
    -d severity
complete -c complaint-report -l customer -x -k -a '(__complaint_customers)' \
    -d 'id, e-mail, name or phone'
complete -c complaint-report -l channel -x -a '(complaint --list channels 2>/dev/null)' -d channel
complete -c complaint-report -l tag -x -d tag
complete -c complaint-report -l assignee -x -d assignee
complete -c complaint-report -l flag -x \
    -a 'legal safety abuse suspect duplicate repeat' -d 'triage flag'
complete -c complaint-report -l grep -x -d 'words in the text of a case'
complete -c complaint-report -l since -x -d 'received at or after'
complete -c complaint-report -l until -x -d 'received before'
complete -c complaint-report -l sort -x -k -a '(__complaint_sortkeys)' -d order
complete -c complaint-report -l sort-keys -d 'print the keys --sort takes'
complete -c complaint-report -l limit -x -d 'at most'
complete -c complaint-report -s w -l window -x -d 'due: the window ahead'
complete -c complaint-report -l mark -d 'due: mark the reminders sent'
complete -c complaint-report -l min -x -d 'repeat: least cases'
complete -c complaint-report -l days -x -d 'repeat: window in days'
complete -c complaint-report -l sql -d 'print the query'
complete -c complaint-report -s o -l output -x \
    -a '(__fish_complete_directories)' -d 'export: folder'
complete -c complaint-report -s h -l help -d 'print usage'
complete -c complaint-report -l version -d 'print the version'

# complaint: the front door.  A tool's command completes as the tool does.
function __complaint_as_tool
    set -l toks (commandline -opc) (commandline -ct)
    complete -C (string join ' ' -- complaint-$toks[2] \
        (string escape -- $toks[3..-1]))
end

function __complaint_config_keys
    complaint config (__complaint_file) --list 2>/dev/null | cut -f1
end

set -l commands new interview compare resolve report init config backup import help
set -l tools new interview compare resolve report
complete -c complaint -f
complete -c complaint -n "__fish_is_nth_token 1" -a new \
    -d 'record a complaint: from flags, CSV or e-mail'
complete -c complaint -n "__fish_is_nth_token 1" -a interview \
    -d 'record, list and show the accounts of a case'
complete -c complaint -n "__fish_is_nth_token 1" -a compare \
    -d 'compare two accounts statement by statement'
complete -c complaint -n "__fish_is_nth_token 1" -a resolve \
    -d 'every step after intake, from ack to close'
complete -c complaint -n "__fish_is_nth_token 1" -a report \
    -d 'lists, the dossier, the audit log and its check'
complete -c complaint -n "__fish_is_nth_token 1" -a init -d 'create the case file'
complete -c complaint -n "__fish_is_nth_token 1" -a config \
    -d 'show or change the settings and the triage rules'
complete -c complaint -n "__fish_is_nth_token 1" -a backup \
    -d 'a consistent copy of the case file, verified'
complete -c complaint -n "__fish_is_nth_token 1" -a import \
    -d 'a new case file from a full export, verified'
complete -c complaint -n "__fish_is_nth_token 1" -a help \
    -d "the list of commands, or a command's usage"
complete -c complaint -n "__fish_seen_subcommand_from $tools" -k \
    -a '(__complaint_as_tool)'
complete -c complaint -n "__fish_seen_subcommand_from help; and __fish_is_nth_token 2" \
    -a "$tools"
complete -c complaint -n "__fish_seen_subcommand_from init config backup import" \
    -s f -r -F -d 'case file'
complete -c complaint -n "__fish_seen_subcommand_from backup" -F
complete -c complaint -n "__fish_seen_subcommand_from import" \
    -a '(__fish_complete_directories (commandline -ct))'
complete -c complaint -n "__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from rule" \
    -a '(__complaint_config_keys) rule --list --unset'
complete -c complaint -n "__fish_seen_subcommand_from rule; and __fish_is_nth_token 3" \
    -a 'add list rm'
complete -c complaint -n "__fish_seen_subcommand_from rm" \
    -a '(complaint config (__complaint_file) rule list 2>/dev/null | cut -f1,4)'
