package extract

import "testing"

func TestBrokenNonTemplate(t *testing.T) {
	for _, tt := range []struct {
		name, path, data string
		want             bool
	}{
		{"broken fixture", "fixtures/broken.json", "{\"name\": \"x\",\n  \"broken\": \n}", true},
		{"broken JSONC", "a.jsonc", "{\"a\": [1,}", true},
		{"empty", "empty.json", "", true},
		{"valid JSON is not broken", "package.json", `{"name": "x"}`, false},
		{"a resources key", "t.json", "{\"resources\": [\n  {\"type\": \n]}", false},
		{"a resources key in any case", "t.json", "{\"Resources\" : [}", false},
		{"a template schema", "t.json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "x": }`, false},
		{"a subscription template schema", "t.json", `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",}}`, false},
		{"a parameters schema", "p.parameters.json", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}`, false},
		{"another schema", "x.json", `{"$schema": "https://json.schemastore.org/package.json" "name"}`, true},
		{"not a JSON name", "script.sh", "{", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err, got := BrokenNonTemplate(tt.path, []byte(tt.data))
			if got != tt.want || got && err == nil {
				t.Errorf("got %v (%v), want %v", got, err, tt.want)
			}
		})
	}
}
