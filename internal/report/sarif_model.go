package report

// The part of the SARIF 2.1.0 object model this writer emits, written by hand.
//
// Why not a SARIF library: github.com/owenrumney/go-sarif v3 serialises every default (the -1
// "unset index" sentinels, empty arrays, default kinds and flags). Microsoft's SARIF validator
// reports those as SARIF2004 warnings (44 on the examples and golden error cases), they make
// the log about 40% larger, and the library links xeipuuv/gojsonschema into the binary (1 MB).
// v2.3.3 writes null suppression fields, which fail the schema. Here every optional property
// is omitempty, so what is not known is left out, as SARIF §3.4 intends. The few properties
// whose zero value means something (ruleIndex and associatedRule.index 0, executionSuccessful
// false, an empty results or rules array) are written without omitempty, on purpose.
import "github.com/aksnet-lint/aksnet-lint/internal/finding"

const (
	sarifVersion = "2.1.0"
	// sarifSchemaURI is the OASIS SARIF 2.1.0 schema (errata 01), the one the tests validate with.
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// Levels of results and notifications (SARIF §3.27.10).
const (
	levelNone    = "none"
	levelWarning = "warning"
	levelError   = "error"
)

type sarifDocument struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	ColumnKind  string            `json:"columnKind,omitempty"`
	// OriginalURIBaseIDs says where %SRCROOT% was (--root), as an absolute file: URI.
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	// Results is always written: an empty array says the analysis ran and found nothing,
	// while a missing one would say it produced no results at all (SARIF §3.14.23).
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifToolComponent `json:"driver"`
}

type sarifToolComponent struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri,omitempty"`
	// Rules is always written, empty when nothing was found, so a reader always finds it.
	Rules []sarifReportingDescriptor `json:"rules"`
}

type sarifReportingDescriptor struct {
	ID                   string                   `json:"id"`
	Name                 string                   `json:"name,omitempty"`
	ShortDescription     *sarifMultiformatMessage `json:"shortDescription,omitempty"`
	FullDescription      *sarifMultiformatMessage `json:"fullDescription,omitempty"`
	Help                 *sarifMultiformatMessage `json:"help,omitempty"`
	HelpURI              string                   `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfiguration      `json:"defaultConfiguration,omitempty"`
	Properties           *sarifPropertyBag        `json:"properties,omitempty"`
}

type sarifMultiformatMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level,omitempty"`
}

type sarifPropertyBag struct {
	Tags             []string `json:"tags,omitempty"`
	Precision        string   `json:"precision,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

// sarifResultProperties say which parameter files and instances (copy indexes, module
// deployments) a result holds under.
type sarifResultProperties struct {
	ParameterFiles []string `json:"parameterFiles,omitempty"`
	Instances      []string `json:"instances,omitempty"`
	// Variant is the parameter value the result holds under (docs/usage.md, Variants).
	Variant *finding.Variant `json:"variant,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID string `json:"ruleId"`
	// RuleIndex is always known (every rule a result uses is in the driver's rules), and 0
	// is a valid index, so it has no omitempty.
	RuleIndex           int                    `json:"ruleIndex"`
	Level               string                 `json:"level,omitempty"`
	Message             sarifMessage           `json:"message"`
	Locations           []sarifLocation        `json:"locations,omitempty"`
	RelatedLocations    []sarifLocation        `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string      `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression     `json:"suppressions,omitempty"`
	Properties          *sarifResultProperties `json:"properties,omitempty"`
}

type sarifLocation struct {
	// ID numbers related locations from 1; 0 (unset) is left out.
	ID               int                    `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion lines and columns are 1-based, so 0 means unknown and is left out.
type sarifRegion struct {
	StartLine   int `json:"startLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifInvocation struct {
	// ExecutionSuccessful is required by the schema, and false is meaningful.
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level          string                   `json:"level,omitempty"`
	Message        sarifMessage             `json:"message"`
	Locations      []sarifLocation          `json:"locations,omitempty"`
	Descriptor     *sarifDescriptorRef      `json:"descriptor,omitempty"`
	AssociatedRule *sarifDescriptorRefIndex `json:"associatedRule,omitempty"`
}

// sarifDescriptorRef refers to a descriptor by id alone.
type sarifDescriptorRef struct {
	ID string `json:"id"`
}

// sarifDescriptorRefIndex refers to a descriptor by id and index; index 0 is valid, so it
// has no omitempty.
type sarifDescriptorRefIndex struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}
