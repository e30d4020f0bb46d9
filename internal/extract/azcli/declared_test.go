package azcli

import "testing"

// TestDeclaredOnlyWhenCertain: a route table or NSG is complete (declared) only when
// the script certainly creates it and certainly adds each route or rule; otherwise a
// rule reading "has no 0.0.0.0/0 route" or "a Deny rule blocks" could be wrong.
func TestDeclaredOnlyWhenCertain(t *testing.T) {
	const rt = "az network route-table create -g rg -n rt\n"
	const route = "az network route-table route create -g rg --route-table-name rt -n r --address-prefix 0.0.0.0/0 --next-hop-type VirtualAppliance --next-hop-ip-address 10.0.0.4\n"
	const nsg = "az network nsg create -g rg -n nsg\n"
	const rule = "az network nsg rule create -g rg --nsg-name nsg -n deny --priority 100 --access Deny --direction Inbound\n"
	tests := []struct {
		name, src       string
		wantRT, wantNSG bool
	}{
		{"created, items added", rt + route + nsg + rule, true, true},
		{"created, no items", rt + nsg, true, true},
		{"only items added (existing resources)", route + rule, false, false},
		{"created in an if of unknown outcome", "if [ \"$X\" = y ]; then\n" + rt + nsg + "fi\n" + route + rule, false, false},
		{"created in an if that is certainly taken", "if true; then\n" + rt + nsg + "fi\n", true, true},
		{"item added in a loop", rt + nsg + "for i in 1 2; do\n" + route + rule + "done\n", false, false},
		{"item added after &&", rt + nsg + "[ -n \"$X\" ] && " + route + "[ -n \"$X\" ] && " + rule, false, false},
		{"created in a case item that may not match", "case \"$ENV\" in\nprod)\n" + rt + nsg + ";;\nesac\n", false, false},
		{"created inside a function called unconditionally", "f() {\n" + rt + nsg + "}\nf\n", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := Extract("s.sh", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.RouteTables) != 1 || len(doc.NetworkSecurityGroups) != 1 {
				t.Fatalf("%d route tables, %d NSGs, want 1 each", len(doc.RouteTables), len(doc.NetworkSecurityGroups))
			}
			if got := doc.RouteTables[0].Declared; got != tt.wantRT {
				t.Errorf("route table declared = %v, want %v", got, tt.wantRT)
			}
			if got := doc.NetworkSecurityGroups[0].Declared; got != tt.wantNSG {
				t.Errorf("NSG declared = %v, want %v", got, tt.wantNSG)
			}
		})
	}
}
