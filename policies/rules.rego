# Root of the rule packages. Every rule is a package aksnet.rules.<name> whose METADATA
# custom block names its id, name, level and (optionally) kinds, and whose deny set holds findings
# {"msg", "pointer", "related" (optional), "level" (optional)}. The input is the network
# document; the schema annotation below type-checks every rule package against it.

# METADATA
# scope: subpackages
# schemas:
#   - input: schema.netdoc
package aksnet.rules
