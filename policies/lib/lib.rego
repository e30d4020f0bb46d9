# METADATA
# scope: subpackages
# schemas:
#   - input: schema.netdoc
package aksnet.lib
