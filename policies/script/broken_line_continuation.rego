# METADATA
# title: Broken line continuation in an az command
# description: |
#   A multi-line az command needs a backslash as the very last character of every line
#   but the last. Without it, or with spaces after it, bash ends the command at the line
#   break: the az command runs without the flags on the following lines (a cluster is
#   created with default networking, a VNet without its subnet), and bash then fails to
#   run the orphaned "--flag" line as a command of its own. A comment line inside the
#   continuation ends the command the same way (a comment runs to the end of its line,
#   and bash reads no continuation in it, even after a trailing backslash). Add the
#   backslash, remove trailing spaces after backslashes, and move comments out of the
#   command.
# related_resources:
#   - ref: https://learn.microsoft.com/cli/azure/use-cli-effectively
#     description: Tips for using the Azure CLI effectively (line continuation)
# custom:
#   id: AKSNET601
#   name: broken-line-continuation
#   level: error
#   kinds: [azcli]
package aksnet.rules.broken_line_continuation

reasons := {
	"missing-backslash": "the line above does not end with a backslash",
	"trailing-space": "the backslash at the end of the line above is followed by spaces",
	"comment": "this comment line inside the continuation ends it (bash reads no line continuation in a comment)",
}

fixes := {
	"missing-backslash": "end the line above with a backslash and nothing after it",
	"trailing-space": "end the line above with a backslash and nothing after it",
	"comment": "move the comment out of the command",
}

deny contains finding if {
	some i, b in input.script.brokenContinuations
	finding := {
		"msg": sprintf(
			"%s is not part of the %s command: %s, so the command ends there and runs without the flags that follow, and bash tries to run %s as a command; %s",
			[b.flag, b.command, reasons[b.reason], b.flag, fixes[b.reason]],
		),
		"pointer": sprintf("/script/brokenContinuations/%d", [i]),
	}
}
